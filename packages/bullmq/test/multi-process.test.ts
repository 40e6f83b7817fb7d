import { readdir } from "node:fs/promises";
import type { Resource } from "@dataportability/core";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { type Harness, startHarness } from "./support/harness.js";
import { expectIdenticalBytes } from "./support/identical-bytes.js";
import { dumpRedis } from "./support/redis-dump.js";
import { startWorkerProcess, type WorkerProcess } from "./support/worker-process.js";

const redisUrl = inject("redisUrl");
let h: Harness;
let procs: WorkerProcess[] = [];

const RESOURCES: Resource[] = ["myactivity.youtube"];

async function spawnWorker(name: string, env: Record<string, string> = {}): Promise<WorkerProcess> {
  const proc = await startWorkerProcess(name, {
    REDIS_URL: redisUrl,
    PIPELINE: h.name,
    API_URL: h.server.url,
    TOKENS_FILE: h.tokensFile,
    SINK_DIR: h.sinkDir,
    WORK_DIR: h.workDir,
    ...env,
  });
  procs.push(proc);
  return proc;
}

async function addUsers(count: number, prefix: string): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) {
    const userId = `${prefix}-${i}`;
    await h.grant(userId, RESOURCES);
    ids.push((await h.queue.addExport({ userId, resources: RESOURCES })).exportId);
  }
  return ids;
}

beforeEach(async () => {
  procs = [];
  h = await startHarness(redisUrl, { archiveBytes: 1024 * 1024 });
});

afterEach(async () => {
  await Promise.all(procs.map((proc) => proc.kill("SIGKILL")));
  await h.close();
});

describe("worker processes sharing the queues", () => {
  it("finish every export together, and no token or signed URL ever reaches Redis", async () => {
    const workers = await Promise.all(["w1", "w2", "w3"].map((name) => spawnWorker(name)));
    const ids = await addUsers(9, "team");
    await h.outcomes.settled(ids);
    expect(h.outcomes.dead.size).toBe(0);
    await expectIdenticalBytes(h, ids);
    const storage = h.server.emulator.requests.filter((r) => r.area === "storage");
    expect(storage.length).toBeGreaterThan(0);
    expect(storage.some((r) => r.authorization)).toBe(false);
    const busy = workers.filter((w) => w.lines.some((line) => line.startsWith("active ")));
    expect(busy.length).toBeGreaterThan(1);

    const dump = await dumpRedis(h.redis);
    expect(dump.size).toBeGreaterThan(0);
    const secrets = Object.values(h.tokens);
    expect(secrets).toHaveLength(9);
    for (const [key, bytes] of dump) {
      for (const token of secrets)
        expect(bytes.includes(token), `${key} holds a token`).toBe(false);
      expect(bytes.includes("X-Goog-Signature"), `${key} holds a signed URL`).toBe(false);
      expect(bytes.includes("Bearer"), `${key} holds an Authorization value`).toBe(false);
    }
  });

  it("let another worker finish with identical bytes after one is killed mid-download", async () => {
    const doomed = await spawnWorker("doomed", { FREEZE_AFTER_BYTES: String(256 * 1024) });
    const [exportId] = await addUsers(1, "solo");
    const frozen = await doomed.waitFor(/^frozen /);
    expect(frozen).toContain(exportId);
    await doomed.kill("SIGKILL");
    expect(h.outcomes.completed.has(exportId!)).toBe(false);
    // The killed worker left a partial download in the shared work folder.
    const partial = (await readdir(`${h.workDir}/${exportId}`)).filter((n) => n.endsWith(".part"));
    expect(partial).toHaveLength(1);

    const rescuer = await spawnWorker("rescuer");
    await h.outcomes.settled([exportId!]);
    expect(rescuer.lines).toContain(`downloaded ${exportId}`);
    await expectIdenticalBytes(h, [exportId!]);
    // The rescuer resumed the killed worker's partial file with a Range request.
    const ranged = h.server.emulator.requests.filter(
      (r) => r.area === "storage" && r.range?.match(/^bytes=[1-9]\d*-(\d+)?$/),
    );
    expect(ranged.length).toBeGreaterThan(0);
  });

  it("resume every export from Redis after all workers crash and restart", async () => {
    const first = await Promise.all(
      ["a1", "a2"].map((name) => spawnWorker(name, { DELAY_MS: "300" })),
    );
    const ids = await addUsers(6, "crowd");
    // Wait until every export has started its archive job, then crash the whole fleet.
    await Promise.all(
      ids.map((id) =>
        Promise.race(first.map((w) => w.waitFor(new RegExp(`^active exports ${id}$`)))),
      ),
    );
    await Promise.all(first.map((w) => w.kill("SIGKILL")));
    const done = ids.filter((id) => h.outcomes.completed.has(id));
    expect(done.length).toBeLessThan(ids.length);

    await Promise.all(["b1", "b2"].map((name) => spawnWorker(name)));
    await h.outcomes.settled(ids);
    expect(h.outcomes.dead.size).toBe(0);
    await expectIdenticalBytes(h, ids);
    // Each export initiated exactly one archive job across both fleets.
    expect(h.server.emulator.jobs()).toHaveLength(6);
  });
});
