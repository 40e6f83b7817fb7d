// Runs a dead export again once its cause is fixed: pnpm retry <exportId> [--from-start]
// (e.g. after the user signed in again). Without an ID, lists the dead letters.
import { createExportQueue, reviveExportError } from "@dataportability/bullmq";
import { config } from "./config.js";

const args = process.argv.slice(2);
const fromStart = args.includes("--from-start");
const [exportId] = args.filter((arg) => arg !== "--from-start");

const queue = createExportQueue({ connection: config.redisUrl, name: config.pipeline });
try {
  if (!exportId) {
    for (const letter of await queue.deadLetters()) {
      const error = reviveExportError(letter.error);
      console.log(`${letter.exportId} ${letter.userId} died in ${letter.phase}: ${error.message}`);
    }
    console.log("usage: pnpm retry <exportId> [--from-start]");
  } else {
    const { phase } = await queue.retryExport(exportId, { from: fromStart ? "start" : "auto" });
    console.log(`${exportId} runs again from ${phase}`);
  }
} catch (error) {
  // ExportNotFoundError, ExportNotDeadError (with the state it is in), InvalidArgumentError.
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
} finally {
  await queue.close();
}
