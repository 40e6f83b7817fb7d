import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import {
  ArchiveFailedError,
  createPortabilityClient,
  InvalidArgumentError,
  PortabilityApiError,
} from "@dataportability/core";
import { OPERATION_NAMES } from "@dataportability/msw";
import { Queue } from "bullmq";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import {
  createExportWorker,
  type ExportWorker,
  type ExportWorkerOptions,
  RetriesExhaustedError,
  TokenUnavailableError,
} from "../src/index.js";
import { type Harness, startHarness } from "./support/harness.js";
import { type AskedDelay, testWorkerOptions } from "./support/test-worker.js";

const redisUrl = inject("redisUrl");
let h: Harness;
let workers: ExportWorker[] = [];
let delays: AskedDelay[] = [];

function startWorker(options: Partial<ExportWorkerOptions> = {}): ExportWorker {
  const worker = createExportWorker(testWorkerOptions(h, options, delays));
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

  it("keeps an export's download jobs only as long as the export (keepCompleted / keepFailed)", async () => {
    const counts = async () => {
      const downloads = new Queue(h.queue.names.downloads, { connection: h.redis });
      const jobs = await downloads.getJobCounts("completed", "failed");
      await downloads.close();
      return jobs;
    };
    const exportOnce = async (userId: string) => {
      await h.grant(userId, ["myactivity.youtube"]);
      startWorker();
      const { exportId } = await h.queue.addExport({ userId, resources: ["myactivity.youtube"] });
      await h.outcomes.settled([exportId]);
      return exportId;
    };
    // Default retention (14 days): the download job stays beside its export.
    expect(await h.queue.getExport(await exportOnce("user-keep"))).toBeDefined();
    expect(await counts()).toEqual({ completed: 1, failed: 0 });

    await Promise.all(workers.map((worker) => worker.close()));
    workers = [];
    await h.close();
    h = await startHarness(redisUrl, {}, { keepCompleted: { count: 0 } });
    const exportId = await exportOnce("user-drop");
    expect(h.outcomes.completed.get(exportId)?.files).toHaveLength(1);
    expect(await h.queue.getExport(exportId)).toBeUndefined();
    expect(await counts()).toEqual({ completed: 0, failed: 0 });
  });

  it("is idempotent: adding twice is a no-op, and a job already running is taken over (409 ALREADY_EXISTS)", async () => {
    const token = await h.grant("user-2", ["myactivity.youtube"]);
    // As if a worker had initiated, then died before saving the archive job ID.
    const direct = createPortabilityClient({ auth: token, baseUrl: h.server.url });
    const { archiveJobId } = await direct.initiateArchive({ resources: ["myactivity.youtube"] });

    const first = await h.queue.addExport({ userId: "user-2", resources: ["myactivity.youtube"] });
    const again = await h.queue.addExport({ userId: "user-2", resources: ["myactivity.youtube"] });
    expect(again).toEqual({ exportId: first.exportId, added: false });
    startWorker();
    await h.outcomes.settled([first.exportId]);

    const result = h.outcomes.completed.get(first.exportId)!;
    expect(result.archiveJobId).toBe(archiveJobId);
    expect(h.server.emulator.jobs().filter((job) => job.user === "user-2")).toHaveLength(1);
    const initiates = h.server.emulator.requests.filter(
      (r) => r.operation === OPERATION_NAMES.initiate,
    );
    expect(initiates.map((r) => r.status)).toEqual([200, 409]);
  });

  it("retries a FAILED archive job up to 3 times", async () => {
    h.server.emulator.setFaults([{ name: "job-fails", times: 2 }]);
    await h.grant("user-3", ["myactivity.youtube"]);
    startWorker();
    const { exportId } = await h.queue.addExport({
      userId: "user-3",
      resources: ["myactivity.youtube"],
    });
    await h.outcomes.settled([exportId]);
    const result = h.outcomes.completed.get(exportId)!;
    expect(result.jobIds).toHaveLength(3);
    expect(result.archiveJobId).toBe(result.jobIds[2]);
    expect(h.outcomes.progress.filter((p) => p.retriedFrom).map((p) => p.retriedFrom)).toEqual(
      result.jobIds.slice(0, 2),
    );
  });

  it("dead-letters with ArchiveFailedError after the third retry fails", async () => {
    h.server.emulator.setFaults([{ name: "job-fails" }]);
    await h.grant("user-4", ["myactivity.youtube"]);
    startWorker();
    const { exportId } = await h.queue.addExport({
      userId: "user-4",
      resources: ["myactivity.youtube"],
    });
    await h.outcomes.settled([exportId]);

    const dead = h.outcomes.dead.get(exportId)!;
    expect(dead.userId).toBe("user-4");
    expect(dead.error).toBeInstanceOf(ArchiveFailedError);
    expect((dead.error as ArchiveFailedError).jobIds).toHaveLength(4);
    const [letter] = await h.queue.deadLetters();
    expect(letter).toMatchObject({
      exportId,
      userId: "user-4",
      phase: "poll",
      error: { name: "ArchiveFailedError" },
    });
    expect(letter!.jobIds).toHaveLength(4);
    const status = await h.queue.getExport(exportId);
    expect(status?.status).toBe("dead");
    expect(status?.error).toBeInstanceOf(ArchiveFailedError);
  });

  it("honours 429 Retry-After with a queue-wide rate limit and backs off on 5xx", async () => {
    h.server.emulator.setFaults([
      { name: "rate-limit", retryAfterSeconds: 7, times: 1, match: "initiate" },
      { name: "server-error", status: 503, times: 2, match: "initiate" },
    ]);
    await h.grant("user-5", ["myactivity.youtube"]);
    startWorker();
    const { exportId } = await h.queue.addExport({
      userId: "user-5",
      resources: ["myactivity.youtube"],
    });
    await h.outcomes.settled([exportId]);

    expect(h.outcomes.completed.has(exportId)).toBe(true);
    const limited = delays.filter((d) => d.reason === "rate-limit");
    expect(limited).toHaveLength(1);
    expect(limited[0]!.ms).toBeGreaterThanOrEqual(7_000);
    const retries = delays.filter((d) => d.reason === "retry").map((d) => d.ms);
    expect(retries).toHaveLength(2);
    // Exponential: about 2 s then 4 s from a 1 s base, each ±20 %; a delay is counted from the
    // moment BullMQ asks for it, which can be a few milliseconds after it was planned.
    expect(retries[0]).toBeGreaterThan(1_500);
    expect(retries[1]).toBeGreaterThan(3_000);
    expect(retries[1]!).toBeGreaterThan(retries[0]!);
  });

  it("dead-letters after too many transient failures in a row", async () => {
    h.server.emulator.setFaults([{ name: "server-error", status: 500, match: "initiate" }]);
    await h.grant("user-6", ["myactivity.youtube"]);
    startWorker({ backoff: { baseMs: 10, maxFailures: 3 } });
    const { exportId } = await h.queue.addExport({
      userId: "user-6",
      resources: ["myactivity.youtube"],
    });
    await h.outcomes.settled([exportId]);
    const dead = h.outcomes.dead.get(exportId)!;
    expect(dead.error).toBeInstanceOf(RetriesExhaustedError);
    expect(dead.error.message).toContain("500");
  });

  it("dead-letters with the typed API error when the token lacks a scope", async () => {
    await h.grant("user-7", ["myactivity.search"]);
    startWorker();
    const { exportId } = await h.queue.addExport({
      userId: "user-7",
      resources: ["myactivity.youtube"],
    });
    await h.outcomes.settled([exportId]);
    const error = h.outcomes.dead.get(exportId)!.error;
    expect(error).toBeInstanceOf(PortabilityApiError);
    expect(error).toMatchObject({ httpStatus: 403, code: "PERMISSION_DENIED" });
  });

  it("dead-letters with TokenUnavailableError when the app has no token for the user", async () => {
    startWorker();
    const { exportId } = await h.queue.addExport({
      userId: "nobody",
      resources: ["myactivity.youtube"],
    });
    await h.outcomes.settled([exportId]);
    const error = h.outcomes.dead.get(exportId)!.error;
    expect(error).toBeInstanceOf(TokenUnavailableError);
    expect((error as TokenUnavailableError).userId).toBe("nobody");
    expect(h.server.emulator.requests).toHaveLength(0);
  });

  it("resets authorization once, after the last of a user's exports is stored", async () => {
    const token = await h.grant("user-8", ["myactivity.youtube", "myactivity.search"]);
    const a = await h.queue.addExport({
      userId: "user-8",
      resources: ["myactivity.youtube"],
      resetAuthorization: true,
    });
    const b = await h.queue.addExport({
      userId: "user-8",
      resources: ["myactivity.search"],
      resetAuthorization: true,
    });
    startWorker();
    await h.outcomes.settled([a.exportId, b.exportId]);

    const outcomes = [a, b].map(({ exportId }) => h.outcomes.completed.get(exportId)!.reset).sort();
    expect(outcomes).toEqual(["deferred", "done"]);
    const resets = h.server.emulator.requests.filter(
      (r) => r.operation === OPERATION_NAMES.resetAuthorization,
    );
    expect(resets).toHaveLength(1);
    // The reset came after both archives were downloaded.
    const requests = h.server.emulator.requests;
    const lastDownload = requests.findLastIndex((r) => r.area === "storage");
    expect(requests.indexOf(resets[0]!)).toBeGreaterThan(lastDownload);
    const revoked = await createPortabilityClient({
      auth: token,
      baseUrl: h.server.url,
      retry: false,
    })
      .checkAccessType()
      .catch((error: unknown) => error);
    expect(revoked).toMatchObject({ httpStatus: 401 });
  });

  it("skips the reset when another export of the user ended in the dead letters", async () => {
    await h.grant("user-9", ["myactivity.youtube"]);
    const ok = await h.queue.addExport({
      userId: "user-9",
      resources: ["myactivity.youtube"],
      resetAuthorization: true,
    });
    const bad = await h.queue.addExport({
      userId: "user-9",
      resources: ["myactivity.search"],
      resetAuthorization: true,
    });
    // Both are queued before any can finish, as the guide asks of the exports of one consent.
    startWorker();
    await h.outcomes.settled([ok.exportId, bad.exportId]);
    expect(h.outcomes.dead.has(bad.exportId)).toBe(true);
    expect(h.outcomes.completed.get(ok.exportId)!.reset).toMatch(/^(skipped|deferred)$/);
    expect(
      h.server.emulator.requests.filter((r) => r.operation === OPERATION_NAMES.resetAuthorization),
    ).toHaveLength(0);
  });

  it("rejects bad input before anything reaches Redis", async () => {
    await expect(
      h.queue.addExport({ userId: "u", resources: ["myactivity.yotube" as never] }),
    ).rejects.toThrow(InvalidArgumentError);
    await expect(
      h.queue.addExport({ userId: "", resources: ["myactivity.youtube"] }),
    ).rejects.toThrow(/userId/);
    await expect(
      h.queue.addExport({ userId: "u", resources: ["myactivity.youtube"], exportId: "a:b" }),
    ).rejects.toThrow(/exportId/);
    await expect(
      h.queue.addExport({
        userId: "u",
        resources: ["myactivity.youtube"],
        startTime: "2026-02-01",
        endTime: "2026-01-01",
      }),
    ).rejects.toThrow(/startTime/);
    expect(() => createExportWorker({ connection: redisUrl } as never)).toThrow(/auth/);
    const keys = await h.redis.keys(`bull:${h.name}-*`);
    expect(keys.filter((key) => !key.endsWith(":meta"))).toEqual([]);
  });

  it("shuts down gracefully: a download still running at the deadline is handed back at once", async () => {
    await h.grant("user-10", ["myactivity.youtube"]);
    let storing!: () => void;
    const started = new Promise<void>((resolve) => {
      storing = resolve;
    });
    // A sink that hangs until aborted, like a slow upload.
    const stuck = startWorker({
      sink: {
        put: (_file, { signal }) =>
          new Promise((_resolve, reject) => {
            storing();
            signal.addEventListener("abort", () => reject(signal.reason), { once: true });
          }),
      },
    });
    const { exportId } = await h.queue.addExport({
      userId: "user-10",
      resources: ["myactivity.youtube"],
    });
    await started;
    const closing = Date.now();
    await stuck.close({ timeoutMs: 100 });
    expect(Date.now() - closing).toBeLessThan(5_000);
    expect(h.outcomes.completed.has(exportId)).toBe(false);

    startWorker();
    await h.outcomes.settled([exportId]);
    expect(h.outcomes.completed.get(exportId)?.files).toHaveLength(1);
    // Two runs started; only the one that finished counts as an attempt.
    const parent = await h.queue.exportsQueue.getJob(exportId);
    const [childKey] = Object.keys(await parent!.getChildrenValues());
    const downloads = new Queue(h.queue.names.downloads, { connection: h.redis });
    const child = await downloads.getJob(childKey!.split(":").at(-1)!);
    expect(child?.attemptsMade).toBe(1);
    expect(child?.attemptsStarted).toBe(2);
    await downloads.close();
  });
});
