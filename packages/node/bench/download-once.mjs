// One verified download of one URL into a folder, from the built package (run `pnpm build`
// first) in a plain Node process; prints time, size, CPU and peak RSS as JSON.
import { rm } from "node:fs/promises";
import { downloadArchive } from "../dist/index.js";

const [url, folder, checksums = "crc32c"] = process.argv.slice(2);
const started = performance.now();
const cpu = process.cpuUsage();
const result = await downloadArchive({
  state: { urls: [url] },
  folder,
  existing: "replace",
  checksums,
});
const seconds = (performance.now() - started) / 1000;
const used = process.cpuUsage(cpu);
await rm(result.files[0].path, { force: true });
process.stdout.write(
  JSON.stringify({
    seconds,
    bytes: result.bytes,
    cpuSeconds: (used.user + used.system) / 1e6,
    maxRssMiB: Math.round(process.resourceUsage().maxRSS / 1024),
  }),
);
