// One worker process of the BullMQ bench: every scheduled wait (state checks, backoff) runs
// at once, as if a virtual clock jumped to it, so the figures are the pipeline's own cost.
// Prints "ready", then on SIGTERM its peak RSS in bytes and CPU time in ms ("rss <n> cpu <ms>")
// and exits.
import { readFile } from "node:fs/promises";
import { createExportWorker, localFolderSink } from "../../packages/bullmq/src/index.js";

const env = (name: string): string => {
  const value = process.env[name];
  if (value === undefined) throw new Error(`missing ${name}`);
  return value;
};
const tokens = JSON.parse(await readFile(env("TOKENS_FILE"), "utf8")) as Record<string, string>;

const worker = createExportWorker({
  connection: env("REDIS_URL"),
  name: env("PIPELINE"),
  auth: (userId) => tokens[userId],
  client: { baseUrl: env("API_URL") },
  sink: localFolderSink(env("SINK_DIR")),
  workDir: env("WORK_DIR"),
  concurrency: { exports: 50, downloads: 8 },
  ...(process.env["SLICE_THRESHOLD_BYTES"]
    ? { download: { sliceThresholdBytes: Number(process.env["SLICE_THRESHOLD_BYTES"]) } }
    : {}),
  delayFor: () => 0,
  backoff: { baseMs: 10, maxMs: 100 },
  onError: (error) => process.stderr.write(`worker error: ${error.message}\n`),
});

process.once("SIGTERM", () => {
  void worker.close({ timeoutMs: 5_000 }).then(() => {
    const usage = process.resourceUsage();
    const cpuMs = (usage.userCPUTime + usage.systemCPUTime) / 1000;
    process.stdout.write(`rss ${usage.maxRSS * 1024} cpu ${Math.round(cpuMs)}\n`);
    process.exit(0);
  });
});
await worker.waitUntilReady();
process.stdout.write("ready\n");
