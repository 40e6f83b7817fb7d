import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import {
  createExportWorker,
  type DelayReason,
  type ExportWorker,
  type ExportWorkerOptions,
  localFolderSink,
} from "../src/index.js";
import { type Harness, startHarness } from "./helpers/harness.js";

const redisUrl = inject("redisUrl");
let h: Harness;
let workers: ExportWorker[] = [];
let delays: { reason: DelayReason; ms: number }[] = [];

function startWorker(options: Partial<ExportWorkerOptions> = {}): ExportWorker {
  const worker = createExportWorker({
    connection: redisUrl,
    name: h.name,
    auth: (userId) => h.tokens[userId],
    client: { baseUrl: h.server.url, retry: { maxAttempts: 1 } },
    sink: localFolderSink(h.sinkDir),
    workDir: h.workDir,
    poll: { schedule: () => 5 * 60_000 },
    backoff: { baseMs: 1_000, maxMs: 60_000 },
    // Record what the pipeline asked for, then run 10 ms later: hours of schedule in a blink.
    delayFor: (at, { now, reason }) => {
      delays.push({ reason, ms: at.getTime() - now.getTime() });
      return 10;
    },
    download: { retryDelayMs: 10 },
    onError: () => {},
    ...options,
  });
  workers.push(worker);
  return worker;
}

const sha256 = async (file: string) =>
  createHash("sha256")
    .update(await readFile(file))
    .digest("hex");

beforeEach(async () => {
  h = await startHarness(redisUrl);
  workers = [];
  delays = [];
});

afterEach(async () => {
  await Promise.all(workers.map((worker) => worker.close({ timeoutMs: 1_000 })));
  await h.close();
});

describe("an export on BullMQ", () => {
  it("initiates, checks state as delayed jobs, stores the archive and reports progress", async () => {
    await h.grant("user-1", ["myactivity.youtube"]);
    startWorker();
    const { exportId, added } = await h.queue.addExport({
      userId: "user-1",
      resources: ["myactivity.youtube"],
    });
    expect(added).toBe(true);
    await h.outcomes.settled([exportId]);

    const result = h.outcomes.completed.get(exportId)!;
    expect(result).toMatchObject({
      userId: "user-1",
      resources: ["myactivity.youtube"],
      reset: "not-requested",
    });
    expect(result.files).toHaveLength(1);
    const job = h.server.emulator.job(result.archiveJobId)!;
    expect(job.state).toBe("COMPLETE");
    const expected = await h.server.emulator.expectedArchive(job.urls[0]!);
    const file = result.files[0]!;
    expect(file.sha256).toBe(expected.sha256);
    expect(await sha256(file.location)).toBe(expected.sha256);
    expect(file.location.startsWith(h.sinkDir)).toBe(true);

    // Two IN_PROGRESS reads, each followed by a delayed run at the schedule's 5 minutes (±25 %).
    const checks = delays.filter((d) => d.reason === "check");
    expect(checks).toHaveLength(2);
    for (const d of checks) expect(d.ms).toBeGreaterThanOrEqual(0.75 * 5 * 60_000 - 5);
    const phases = h.outcomes.progress.map((p) => p.phase);
    expect(phases).toContain("poll");
    expect(phases).toContain("download");
    expect(h.outcomes.progress.find((p) => p.nextCheckAt)).toBeDefined();

    const status = await h.queue.getExport(exportId);
    expect(status).toMatchObject({ status: "completed", phase: "done", result: { exportId } });
  });
});
