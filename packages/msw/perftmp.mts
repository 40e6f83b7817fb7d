import { digestArchive } from "./src/archive-digest.ts";
import { planArchive } from "./src/archive-plan.ts";
import { zipChunks } from "./src/stored-zip.ts";

const bytes = Number(process.argv[2] ?? 256 * 1024 * 1024);
const plan = planArchive({
  seed: 1,
  jobId: "1",
  index: 0,
  count: 1,
  resources: ["myactivity.youtube", "youtube.comments"],
  fromMs: 0,
  toMs: Date.now(),
  archiveBytes: bytes,
  modifiedAtMs: Date.now(),
});
let t = performance.now();
const d = await digestArchive(plan, { md5: process.argv[3] === "md5" });
console.log(
  "digest",
  plan.size,
  (performance.now() - t).toFixed(0),
  "ms",
  d.crc32c,
  "rss",
  (process.memoryUsage().rss / 1e6).toFixed(0),
);
t = performance.now();
let n = 0;
for (const c of zipChunks(plan, d.crc32s, 0, plan.size)) n += c.length;
console.log(
  "stream",
  n,
  (performance.now() - t).toFixed(0),
  "ms",
  "rss",
  (process.memoryUsage().rss / 1e6).toFixed(0),
);
