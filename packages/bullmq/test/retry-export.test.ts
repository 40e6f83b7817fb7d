import {
  ArchiveFailedError,
  createPortabilityClient,
  InvalidArgumentError,
  type Resource,
} from "@dataportability/core";
import { OPERATION_NAMES } from "@dataportability/msw";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import {
  createExportWorker,
  ExportNotDeadError,
  ExportNotFoundError,
  type ExportWorker,
  type ExportWorkerOptions,
  localFolderSink,
  type StorageSink,
} from "../src/index.js";
import { type Harness, startHarness } from "./support/harness.js";
import { expectIdenticalBytes } from "./support/identical-bytes.js";
import { dumpRedis } from "./support/redis-dump.js";
import { testWorkerOptions } from "./support/test-worker.js";

const redisUrl = inject("redisUrl");
const YOUTUBE: Resource[] = ["myactivity.youtube"];
let h: Harness;
let workers: ExportWorker[] = [];

function startWorker(options: Partial<ExportWorkerOptions> = {}): ExportWorker {
  const worker = createExportWorker(testWorkerOptions(h, options));
  workers.push(worker);
  return worker;
}

const requestsOf = (operation: string) =>
  h.server.emulator.requests.filter((r) => r.operation === operation);

let gates: (() => void)[] = [];

/** A promise and the function that resolves it (called after the test at the latest). */
function gate(): { opened: Promise<void>; open: () => void } {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => {
    open = resolve;
  });
  gates.push(open);
  return { opened, open };
}

beforeEach(async () => {
  h = await startHarness(redisUrl);
  workers = [];
  gates = [];
});

afterEach(async () => {
  for (const open of gates) open();
  await Promise.all(workers.map((worker) => worker.close({ timeoutMs: 1_000 })));
  await h.close();
});

describe("retryExport", () => {
  it("re-runs an export whose archive job FAILED for good from a new archive job, once the user consented again", async () => {
    h.server.emulator.setFaults([{ name: "job-fails" }]);
    const firstToken = await h.grant("user-1", YOUTUBE);
    startWorker();
    const { exportId } = await h.queue.addExport({ userId: "user-1", resources: YOUTUBE });
    await h.outcomes.settled([exportId]);
    expect(h.outcomes.dead.get(exportId)?.error).toBeInstanceOf(ArchiveFailedError);
    const [letter] = await h.queue.deadLetters();
    expect(letter).toMatchObject({ exportId, phase: "poll" });

    // The fix: the app resets the used-up one-time access, and the user consents again.
    await createPortabilityClient({ auth: firstToken, baseUrl: h.server.url }).resetAuthorization();
    const secondToken = await h.grant("user-1", YOUTUBE);
    h.server.emulator.setFaults([]);
    h.outcomes.forget(exportId);
    expect(await h.queue.retryExport(exportId)).toEqual({ exportId, phase: "initiate" });
    await h.outcomes.settled([exportId]);

    const result = h.outcomes.completed.get(exportId);
    expect(result, "the retried export completed").toBeDefined();
    expect(letter!.jobIds).not.toContain(result!.archiveJobId);
    await expectIdenticalBytes(h, [exportId]);
    expect(await h.queue.deadLetters()).toEqual([]);
    const status = await h.queue.getExport(exportId);
    expect(status).toMatchObject({ status: "completed", phase: "done" });
    expect(status?.error).toBeUndefined();
    const retried = h.outcomes.progress.filter((p) => p.exportId === exportId && p.retried);
    expect(retried).toEqual([expect.objectContaining({ phase: "initiate", userId: "user-1" })]);

    const dump = await dumpRedis(h.redis);
    for (const [key, bytes] of dump) {
      for (const token of [firstToken, secondToken]) {
        expect(bytes.includes(token), `${key} holds a token`).toBe(false);
      }
      expect(bytes.includes("Bearer"), `${key} holds an Authorization value`).toBe(false);
      expect(bytes.includes("X-Goog-Signature"), `${key} holds a signed URL`).toBe(false);
    }
  });

  it("resumes a download that died where it was: same archive job, download job retried, identical bytes", async () => {
    await h.grant("user-2", YOUTUBE);
    const folder = localFolderSink(h.sinkDir);
    let storageDown = true;
    const sink: StorageSink = {
      put: (file, options) =>
        storageDown ? Promise.reject(new Error("bucket unavailable")) : folder.put(file, options),
    };
    startWorker({ sink, download: { retryDelayMs: 10, attempts: 1 } });
    const { exportId } = await h.queue.addExport({ userId: "user-2", resources: YOUTUBE });
    await h.outcomes.settled([exportId]);
    expect(h.outcomes.dead.get(exportId)?.error.message).toContain("bucket unavailable");
    const [letter] = await h.queue.deadLetters();
    expect(letter).toMatchObject({ exportId, phase: "download" });

    storageDown = false;
    h.outcomes.forget(exportId);
    expect(await h.queue.retryExport(exportId)).toEqual({ exportId, phase: "download" });
    await h.outcomes.settled([exportId]);

    const result = h.outcomes.completed.get(exportId);
    expect(result?.archiveJobId).toBe(letter!.archiveJobId);
    expect(result?.files).toHaveLength(1);
    await expectIdenticalBytes(h, [exportId]);
    // No new archive job, and the export was not started again.
    expect(requestsOf(OPERATION_NAMES.initiate)).toHaveLength(1);
    expect(h.server.emulator.jobs()).toHaveLength(1);
    expect(await h.queue.deadLetters()).toEqual([]);
  });

  it("counts the export again in its user's reset: the reset waits for it, runs once, after its archive", async () => {
    // The user granted one scope of two: the export of the other dies with 403.
    await h.grant("user-3", YOUTUBE);
    const youtube = await h.queue.addExport({
      userId: "user-3",
      resources: YOUTUBE,
      resetAuthorization: true,
    });
    const search = await h.queue.addExport({
      userId: "user-3",
      resources: ["myactivity.search"],
      resetAuthorization: true,
    });
    // Hold the YouTube export before its first call until the other one is retried, and the
    // retried one before its download until the YouTube export has finished.
    const youtubeGate = gate();
    const searchDownloadGate = gate();
    startWorker({
      auth: async (userId, { exportId, purpose }) => {
        if (exportId === youtube.exportId) await youtubeGate.opened;
        if (exportId === search.exportId && purpose === "download") await searchDownloadGate.opened;
        return h.tokens[userId];
      },
    });
    await h.outcomes.settled([search.exportId]);
    expect(h.outcomes.dead.get(search.exportId)?.error).toMatchObject({ httpStatus: 403 });

    await h.grant("user-3", [...YOUTUBE, "myactivity.search"]);
    h.outcomes.forget(search.exportId);
    expect(await h.queue.retryExport(search.exportId)).toMatchObject({ phase: "initiate" });
    youtubeGate.open();
    await h.outcomes.settled([youtube.exportId]);
    expect(h.outcomes.completed.get(youtube.exportId)?.reset).toBe("deferred");
    expect(requestsOf(OPERATION_NAMES.resetAuthorization)).toHaveLength(0);

    searchDownloadGate.open();
    await h.outcomes.settled([search.exportId]);
    expect(h.outcomes.completed.get(search.exportId)?.reset).toBe("done");
    const resets = requestsOf(OPERATION_NAMES.resetAuthorization);
    expect(resets).toHaveLength(1);
    const requests = h.server.emulator.requests;
    const lastDownload = requests.findLastIndex((r) => r.area === "storage");
    expect(requests.indexOf(resets[0]!)).toBeGreaterThan(lastDownload);
    await expectIdenticalBytes(h, [youtube.exportId, search.exportId]);
  });

  it("refuses an unknown export, or one that is not dead, before changing anything in Redis", async () => {
    await h.grant("user-4", YOUTUBE);
    const done = await h.queue.addExport({ userId: "user-4", resources: YOUTUBE });
    const worker = startWorker();
    await h.outcomes.settled([done.exportId]);
    await worker.close();
    const waiting = await h.queue.addExport({ userId: "user-4", resources: ["myactivity.search"] });
    const before = await dumpRedis(h.redis);

    const unknown = await h.queue.retryExport("exp_nothing_here").catch((error: unknown) => error);
    expect(unknown).toBeInstanceOf(ExportNotFoundError);
    expect(unknown).toMatchObject({ exportId: "exp_nothing_here" });
    const completed = await h.queue.retryExport(done.exportId).catch((error: unknown) => error);
    expect(completed).toBeInstanceOf(ExportNotDeadError);
    expect(completed).toMatchObject({ exportId: done.exportId, status: "completed" });
    expect((completed as Error).message).toContain("completed");
    const queued = await h.queue.retryExport(waiting.exportId).catch((error: unknown) => error);
    expect(queued).toMatchObject({ status: "waiting" });
    await expect(h.queue.retryExport("a:b")).rejects.toThrow(InvalidArgumentError);
    await expect(h.queue.retryExport(done.exportId, { from: "middle" as never })).rejects.toThrow(
      /from/,
    );

    expect(await dumpRedis(h.redis)).toEqual(before);
  });
});
