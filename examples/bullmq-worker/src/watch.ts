// Prints the pipeline's events from every worker: pnpm watch
import { createExportEvents } from "@dataportability/bullmq";
import { config } from "./config.js";

const events = createExportEvents({ connection: config.redisUrl, name: config.pipeline });
events.on("progress", (p) => {
  if (p.retried) {
    console.log(`${p.userId} ${p.exportId} runs again from ${p.phase}`);
    return;
  }
  const detail =
    p.phase === "download"
      ? `${p.bytes ?? 0} of ${p.totalBytes ?? "?"} bytes`
      : `${p.state ?? ""} next check ${p.nextCheckAt ?? "-"}`;
  console.log(`${p.userId} ${p.exportId} ${p.phase} ${detail}`);
});
events.on("completed", (r) =>
  console.log(`${r.userId} ${r.exportId} stored ${r.files.length} file(s), reset: ${r.reset}`),
);
events.on("dead", (d) =>
  console.log(`${d.userId} ${d.exportId} DEAD ${d.error.name}: ${d.error.message}`),
);
await events.waitUntilReady();
console.log(`watching ${config.pipeline} (Ctrl-C to stop)`);
process.once("SIGINT", () => void events.close().then(() => process.exit(0)));
