// A worker process: run as many as you like, on as many machines as you like.
//   REDIS_URL=redis://127.0.0.1:6379 pnpm worker
import { createExportWorker, localFolderSink } from "@dataportability/bullmq";
import { config } from "./config.js";
import { userTokens } from "./tokens.js";

const fast = config.fastDelayMs;
const worker = createExportWorker({
  connection: config.redisUrl,
  name: config.pipeline,
  auth: userTokens,
  client: { baseUrl: config.apiUrl, userAgent: "example-bullmq-worker/1.0" },
  sink: localFolderSink(config.exportsDir),
  workDir: config.workDir,
  concurrency: config.concurrency,
  rateLimit: { max: config.ratePerSecond, durationMs: 1_000 },
  ...(fast !== undefined ? { delayFor: () => fast, backoff: { baseMs: fast } } : {}),
  onDownloadEvent: (event, { exportId }) => {
    if (event.type === "retry") console.warn(`${exportId}: download retry (${event.reason})`);
  },
});

worker.workers.exports?.on("completed", (job) => console.log(`export ${job.id} done`));
worker.workers.exports?.on("failed", (job, error) =>
  console.log(`export ${job?.id} dead: ${error.message}`),
);

let stopping = false;
const stop = (signal: string) => {
  if (stopping) return;
  stopping = true;
  console.log(`${signal}: finishing running jobs…`);
  // Running downloads get 20 s; after that they are handed back and resume elsewhere.
  void worker.close({ timeoutMs: 20_000 }).then(() => process.exit(0));
};
process.once("SIGTERM", () => stop("SIGTERM"));
process.once("SIGINT", () => stop("SIGINT"));

await worker.waitUntilReady();
console.log(`worker ${process.pid} ready on ${config.pipeline}`);
