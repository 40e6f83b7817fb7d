// All in one: Redis, the Data Portability emulator over HTTP, a few worker processes, and
// exports for many emulated users, watched to the end.
//   pnpm demo                       (DEMO_USERS=50 DEMO_WORKERS=3 pnpm demo for more)
import { type ChildProcess, spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { createExportEvents, createExportQueue, type ExportResult } from "@dataportability/bullmq";
import type { Resource } from "@dataportability/core";
import { createEmulatorServer } from "@dataportability/msw/node";
import { createFileTokenStore } from "@dataportability/node";
import { startRedisServer } from "@dataportability/redis-support";

const users = Number(process.env["DEMO_USERS"] ?? 20);
const workerCount = Number(process.env["DEMO_WORKERS"] ?? 2);
const resources: Resource[] = ["myactivity.youtube", "myactivity.search"];
const started = Date.now();

const dir = await mkdtemp(path.join(tmpdir(), "bullmq-demo-"));
const redis = process.env["REDIS_URL"] ? undefined : await startRedisServer();
const redisUrl = process.env["REDIS_URL"] ?? redis!.url;
const emulator = await createEmulatorServer({ completeAfterPolls: 3, archiveBytes: 256 * 1024 });
const pipeline = `demo-${randomUUID().slice(0, 8)}`;
const folders = {
  TOKENS_DIR: path.join(dir, "tokens"),
  EXPORTS_DIR: path.join(dir, "exports"),
  WORK_DIR: path.join(dir, "work"),
};

// Each user's consent, as the app would have stored it after sign-in.
const store = createFileTokenStore({ dir: folders.TOKENS_DIR });
for (let i = 1; i <= users; i++) {
  const user = `user-${i}`;
  const issued = emulator.emulator.issueToken({ resources, user, clientId: "demo-client" });
  await store.save(user, { ...issued, clientId: "demo-client" });
}

const workerScript = fileURLToPath(new URL("./worker.ts", import.meta.url));
const workers: ChildProcess[] = [];
for (let i = 0; i < workerCount; i++) {
  const child = spawn(process.execPath, ["--import", "tsx", workerScript], {
    env: {
      ...process.env,
      ...folders,
      REDIS_URL: redisUrl,
      PIPELINE: pipeline,
      DATAPORTABILITY_API_URL: emulator.url,
      GOOGLE_CLIENT_ID: "demo-client",
      GOOGLE_TOKEN_URL: emulator.tokenUrl,
      FAST_DELAY_MS: "50",
      RATE_PER_SECOND: "200",
    },
    stdio: ["ignore", "pipe", "inherit"],
  });
  child.stdout?.on("data", (chunk: Buffer) => {
    for (const line of chunk.toString().trim().split("\n"))
      console.log(`  [worker ${i + 1}] ${line}`);
  });
  workers.push(child);
}

const events = createExportEvents({ connection: redisUrl, name: pipeline });
await events.waitUntilReady();
const queue = createExportQueue({ connection: redisUrl, name: pipeline });
const completed = new Map<string, ExportResult>();
const dead: string[] = [];
const finished = new Promise<void>((resolve) => {
  const check = () => completed.size + dead.length === users && resolve();
  events.on("completed", (result) => {
    completed.set(result.exportId, result);
    check();
  });
  events.on("dead", ({ exportId, error }) => {
    dead.push(`${exportId}: ${error.name} ${error.message}`);
    check();
  });
});

for (let i = 1; i <= users; i++) {
  await queue.addExport({ userId: `user-${i}`, resources, resetAuthorization: true });
}
console.log(`queued ${users} exports on ${pipeline}; ${workerCount} workers at work…`);
await finished;

// Check every stored archive against the bytes the emulator served.
let verified = 0;
for (const result of completed.values()) {
  const urls = emulator.emulator.job(result.archiveJobId)?.urls ?? [];
  for (const file of result.files) {
    const expected = await emulator.emulator.expectedArchive(urls[file.index]!);
    const actual = createHash("sha256")
      .update(await readFile(file.location))
      .digest("hex");
    if (actual === expected.sha256) verified++;
  }
}
const files = [...completed.values()].reduce((n, r) => n + r.files.length, 0);
const resets = [...completed.values()].filter((r) => r.reset === "done").length;
console.log(
  `done in ${((Date.now() - started) / 1000).toFixed(1)} s: ${completed.size} exports stored ` +
    `(${verified}/${files} files verified), ${resets} authorizations reset, ${dead.length} dead`,
);
for (const line of dead) console.log(`  dead: ${line}`);

await Promise.all(
  workers.map((child) => {
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    return exited;
  }),
);
await Promise.all([events.close(), queue.close()]);
await emulator.close();
await redis?.stop();
if (process.env["DEMO_KEEP"]) console.log(`files kept in ${dir}`);
else await rm(dir, { recursive: true, force: true });
process.exit(dead.length === 0 && verified === files ? 0 : 1);
