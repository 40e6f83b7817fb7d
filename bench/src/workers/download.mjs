/**
 * Downloads one completed archive with `downloadArchive` in its own process, so the bench can
 * read this process's peak memory. Plain JavaScript on purpose: no TypeScript loader in the
 * process, so its memory is Node's plus the library's. argv[2]: JSON `{ urls, dir, jobId,
 * slices?, slicing? }`, or `{ idle: true }` to only load the library (the baseline). Prints one JSON line
 * `{ bytes, ms, cpuMs, maxRssBytes }` (time and CPU of the transfer alone).
 */
import { downloadArchive } from "@dataportability/node";

const input = JSON.parse(process.argv[2] ?? "{}");

let bytes = 0;
let ms = 0;
let cpuMs = 0;
if (!input.idle) {
  const start = process.hrtime.bigint();
  const cpu = process.cpuUsage();
  const result = await downloadArchive({
    state: { state: "COMPLETE", urls: input.urls ?? [], jobId: input.jobId },
    folder: input.dir ?? ".",
    existing: "replace",
    ...(input.slices === undefined ? {} : { slices: input.slices }),
    ...(input.slicing === undefined ? {} : { slicing: input.slicing }),
  });
  ms = Number(process.hrtime.bigint() - start) / 1e6;
  const used = process.cpuUsage(cpu);
  cpuMs = (used.user + used.system) / 1000;
  bytes = result.bytes;
}
process.stdout.write(
  `${JSON.stringify({ bytes, ms, cpuMs, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
