// A CommonJS service (a NestJS app, say) exporting through BullMQ with require(): a queue, a
// worker and the events, against redis-server (REDIS_URL, started by the test) and the
// emulator over HTTP.
const assert = require("node:assert/strict");
const { randomUUID } = require("node:crypto");
const { mkdtemp, rm } = require("node:fs/promises");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const {
  createExportEvents,
  createExportQueue,
  createExportWorker,
  localFolderSink,
} = require("@dataportability/bullmq");
const { InvalidArgumentError } = require("@dataportability/core");
const { createEmulatorServer } = require("@dataportability/msw/node");

async function main() {
  const connection = process.env.REDIS_URL;
  assert.ok(connection, "REDIS_URL is not set");
  const server = await createEmulatorServer({ completeAfterPolls: 1, archiveBytes: 4 * 1024 });
  const folder = await mkdtemp(join(tmpdir(), "dp-consumer-bullmq-"));
  const name = `cjs-${randomUUID().slice(0, 8)}`;
  const token = server.emulator.issueToken({ resources: ["myactivity.search"], user: "user-1" });
  const worker = createExportWorker({
    connection,
    name,
    auth: () => token.accessToken,
    client: { baseUrl: server.url },
    sink: localFolderSink(join(folder, "exports")),
    workDir: join(folder, "work"),
    delayFor: () => 10,
  });
  const events = createExportEvents({ connection, name });
  const queue = createExportQueue({ connection, name });
  try {
    // Bad input is refused before Redis, with core's error class: one copy of core, in CJS too.
    await assert.rejects(
      queue.addExport({ userId: "user-1", resources: ["myactivity.nope"] }),
      (error) => error instanceof InvalidArgumentError,
    );
    await Promise.all([worker.waitUntilReady(), events.waitUntilReady()]);
    const done = new Promise((resolve, reject) => {
      events.on("completed", resolve);
      events.on("dead", ({ error }) => reject(new Error(`${error.name}: ${error.message}`)));
    });
    await queue.addExport({ userId: "user-1", resources: ["myactivity.search"] });
    const result = await done;
    assert.ok(result.files.length > 0 && result.bytes > 0);
    console.log(`CJS BullMQ: stored ${result.files.length} file(s), ${result.bytes} bytes`);
  } finally {
    await Promise.all([worker.close(), events.close(), queue.close()]);
    await server.close();
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
