import { OPERATION_NAMES } from "@dataportability/msw";
import { describe, expect, it } from "vitest";
import {
  ArchiveCancelledError,
  type ArchiveProgress,
  checkArchive,
  createPortabilityClient,
  InvalidArgumentError,
  PortabilityApiError,
  pollArchive,
  type SavedExport,
  startExport,
} from "../src/index.js";
import { START, useEmulator } from "./support/emulator.js";

const { fresh } = useEmulator();
const HOUR = 3_600_000;
const resources = ["myactivity.youtube" as const];

function setup(options: Parameters<typeof fresh>[0] = {}) {
  const { emulator, clock } = fresh({ accessTokenTtlMs: 30 * 86_400_000, ...options });
  const { accessToken } = emulator.issueToken({ resources, user: "ada" });
  const client = createPortabilityClient({ auth: accessToken, clock, retry: false });
  const reads = () =>
    emulator.requests.filter((r) => r.operation === OPERATION_NAMES.getPortabilityArchiveState)
      .length;
  return { emulator, clock, client, reads };
}

describe("startExport and checkArchive", () => {
  it("start, then one state read per due round until COMPLETE, never waiting", async () => {
    const { emulator, clock, client, reads } = setup({ completeAfterPolls: 2 });
    clock.sleep = () => Promise.reject(new Error("a round must never sleep"));
    const saved = await startExport(client, { resources, retryFailed: true, maxWaitMs: HOUR });
    expect(saved).toEqual({
      version: 1,
      jobId: saved.jobIds[0],
      jobIds: [emulator.jobs()[0]!.id],
      retriesLeft: 3,
      lastState: undefined,
      checks: 0,
      startedAt: START.toISOString(),
      deadline: new Date(START.getTime() + HOUR).toISOString(),
      nextCheckAt: START.toISOString(),
    });

    const first = await checkArchive(client, saved, { random: () => 0.5 });
    expect(first).toMatchObject({ done: false, state: { state: "IN_PROGRESS" } });
    expect(first.nextCheckAt).toBe(new Date(START.getTime() + 10_000).toISOString());
    expect(reads()).toBe(1);

    // Not due yet: no request, nothing changes.
    const early = await checkArchive(client, JSON.stringify(first.saved));
    expect(early).toEqual({
      done: false,
      state: undefined,
      saved: first.saved,
      nextCheckAt: first.nextCheckAt,
    });
    expect(reads()).toBe(1);

    const second = await checkArchive(client, first.saved, { now: Date.parse(first.nextCheckAt!) });
    expect(second.done).toBe(false);
    const third = await checkArchive(client, second.saved, {
      now: new Date(second.nextCheckAt!),
    });
    expect(third.done).toBe(true);
    expect(third.nextCheckAt).toBeUndefined();
    expect(third.state?.urls.length).toBeGreaterThan(0);
    expect(third.saved).toMatchObject({ lastState: "COMPLETE", checks: 3 });
    expect(reads()).toBe(3);
    expect(JSON.stringify(third.saved)).not.toMatch(/http|token/i);
  });

  it("makes the same checks at the same times as the in-process poller", async () => {
    const run = async (drive: "poller" | "rounds") => {
      const { emulator, clock, client } = setup({ completeAfterMs: 6 * HOUR });
      const saved = await startExport(client, { resources });
      const times: number[] = [];
      if (drive === "poller") {
        const poller = pollArchive(client, saved.jobId, { random: () => 0.5 });
        poller.onProgress((p: ArchiveProgress) => times.push(p.elapsedMs));
        await poller;
      } else {
        let current: SavedExport = saved;
        for (;;) {
          await clock.sleep(Math.max(0, Date.parse(current.nextCheckAt) - clock.now()));
          const round = await checkArchive(client, current, { random: () => 0.5 });
          times.push(clock.now() - START.getTime());
          if (round.done) break;
          current = round.saved;
        }
      }
      return { times, requests: emulator.requests.length };
    };
    const poller = await run("poller");
    expect(await run("rounds")).toEqual(poller);
    expect(poller.times.at(-1)).toBeGreaterThanOrEqual(6 * HOUR);
  });

  it("retries a FAILED job once the saved export allows it, keeping every job ID", async () => {
    const { emulator, client } = setup({ completeAfterPolls: 1 });
    const saved = await startExport(client, { resources, retryFailed: 1 });
    emulator.failJob(saved.jobId);
    const round = await checkArchive(client, saved, { random: () => 0.5 });
    expect(round.done).toBe(false);
    expect(round.state?.state).toBe("FAILED");
    expect(round.saved.jobIds).toEqual([saved.jobId, round.saved.jobId]);
    expect(round.saved).toMatchObject({ retriesLeft: 0, checks: 1, lastState: "FAILED" });
    // The new job is read once IN_PROGRESS (completeAfterPolls: 1), then COMPLETE.
    const next = await checkArchive(client, round.saved, { now: Date.parse(round.nextCheckAt!) });
    expect(next).toMatchObject({ done: false, state: { jobId: round.saved.jobId } });
    const done = await checkArchive(client, next.saved, { now: Date.parse(next.nextCheckAt!) });
    expect(done).toMatchObject({ done: true, state: { jobId: round.saved.jobId } });
  });

  it("throws ArchiveCancelledError for a cancelled job", async () => {
    const { client } = setup({ completeAfterPolls: 5 });
    const saved = await startExport(client, { resources });
    await client.cancelArchive(saved.jobId);
    await expect(checkArchive(client, saved)).rejects.toBeInstanceOf(ArchiveCancelledError);
  });

  it("surfaces the API's 404 when the saved export meets another user's token", async () => {
    const { emulator, client, clock } = setup();
    const saved = await startExport(client, { resources });
    const other = emulator.issueToken({ resources, user: "grace" });
    const stranger = createPortabilityClient({ auth: other.accessToken, clock, retry: false });
    const error = await checkArchive(stranger, saved).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortabilityApiError);
    expect(error).toMatchObject({ httpStatus: 404, code: "NOT_FOUND" });
  });

  it.each([
    ["maxWaitMs", { maxWaitMs: -1 }],
    ["retryFailed", { retryFailed: "yes" }],
    ["retryFailed", { retryFailed: 1.5 }],
    ["resources[0]", { resources: ["myactivity.youtub"] }],
  ])("refuses a bad %s before starting a job", async (field, patch) => {
    const { emulator, client } = setup();
    const error = await startExport(client, { resources, ...(patch as object) }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ field });
    expect(emulator.requests).toEqual([]);
  });
});

describe("saved exports written by earlier releases", () => {
  // Literal values that `poller.serialize()` of the previous release wrote: one before its
  // first check (as BullMQ workers stored them), one after a check.
  const BEFORE_FIRST_CHECK =
    '{"version":1,"jobId":"JOB","jobIds":["JOB"],"retriesLeft":3,"checks":0,"startedAt":"2026-01-01T00:00:00.000Z","deadline":"2026-01-02T00:00:00.000Z","nextCheckAt":"2026-01-01T00:00:00.000Z"}';
  const AFTER_A_CHECK =
    '{"version":1,"jobId":"JOB","jobIds":["JOB"],"retriesLeft":1,"lastState":"IN_PROGRESS","checks":1,"startedAt":"2026-01-01T00:00:00.000Z","deadline":"2026-01-01T01:00:00.000Z","nextCheckAt":"2026-01-01T00:00:10.000Z"}';

  it.each([
    ["before its first check", BEFORE_FIRST_CHECK, 1],
    ["after a check", AFTER_A_CHECK, 2],
  ])("resumes a poller serialized %s", async (_when, serialized, checks) => {
    const { client } = setup({ completeAfterPolls: 1 });
    const { archiveJobId } = await client.initiateArchive({ resources });
    const saved = serialized.replaceAll("JOB", archiveJobId);
    const round = await checkArchive(client, saved, { now: Date.parse("2026-01-01T00:00:10Z") });
    expect(round).toMatchObject({ done: false, state: { state: "IN_PROGRESS" } });
    expect(round.saved).toMatchObject({ jobId: archiveJobId, checks });
    const done = await checkArchive(client, round.saved, { now: Date.parse(round.nextCheckAt!) });
    expect(done.done).toBe(true);
  });
});
