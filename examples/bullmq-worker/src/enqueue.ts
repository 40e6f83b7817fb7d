// Queues an export: pnpm enqueue <userId> <resource> [<resource>…] [--reset]
import { createExportQueue } from "@dataportability/bullmq";
import { isResource } from "@dataportability/core";
import { config } from "./config.js";

const args = process.argv.slice(2);
const reset = args.includes("--reset");
const [userId, ...resources] = args.filter((arg) => arg !== "--reset");
if (!userId || resources.length === 0 || !resources.every(isResource)) {
  console.error("usage: pnpm enqueue <userId> <resource> [<resource>…] [--reset]");
  console.error("e.g.   pnpm enqueue user-1 myactivity.youtube myactivity.search --reset");
  process.exit(2);
}

const queue = createExportQueue({ connection: config.redisUrl, name: config.pipeline });
const { exportId, added } = await queue.addExport({ userId, resources, resetAuthorization: reset });
console.log(added ? `queued ${exportId}` : `already queued: ${exportId}`);
await queue.close();
