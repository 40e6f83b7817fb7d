import { expectError } from "@dataportability/test-support";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { instantClock } from "../../test/support/instant-clock.js";
import type { ArchiveStateName } from "../client/archive-types.js";
import type { Clock } from "../client/clock.js";
import { createPortabilityClient } from "../client/create-portability-client.js";
import {
  ArchiveCancelledError,
  ArchiveFailedError,
  WaitTimeoutError,
} from "../errors/archive-errors.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { PortabilityApiError } from "../errors/portability-api-error.js";
import {
  type ArchiveProgress,
  pollArchive,
  resumeArchivePoller,
  waitForArchive,
} from "./poll-archive.js";
import { defaultPollSchedule } from "./poll-schedule.js";

const API = "https://dataportability.googleapis.com";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const MIN = 60_000;
const HOUR = 60 * MIN;

/** Serves scripted states per job; a retry of job `x` starts job `x-r`. */
function scripted(script: Record<string, ArchiveStateName[]>) {
  const reads: string[] = [];
  server.use(
    http.get(`${API}/v1/archiveJobs/:id/portabilityArchiveState`, ({ params }) => {
      const id = String(params.id);
      reads.push(id);
      const states = script[id] ?? [];
      const state = states.length > 1 ? states.shift()! : states[0];
      if (!state)
        return HttpResponse.json(
          { error: { code: 404, message: "no", status: "NOT_FOUND" } },
          { status: 404 },
        );
      return HttpResponse.json({
        name: `archiveJobs/${id}/portabilityArchiveState`,
        state,
        urls: state === "COMPLETE" ? [`https://storage.googleapis.com/b/${id}.zip`] : [],
      });
    }),
    http.post(`${API}/v1/archiveJobs/:action`, ({ params }) => {
      const id = String(params.action).replace(/:retry$/, "");
      return HttpResponse.json({ archiveJobId: `${id}-r` });
    }),
  );
  return reads;
}

const setup = () => {
  const clock = instantClock();
  const client = createPortabilityClient({ auth: "secret-token", clock });
  return { clock, client, start: clock.now() };
};

describe("defaultPollSchedule", () => {
  it("checks soon at first, then every 5 to 60 minutes growing with age", () => {
    expect([1, 2, 3, 4, 5].map((n) => defaultPollSchedule(n, 0))).toEqual([
      10_000,
      30_000,
      MIN,
      2 * MIN,
      5 * MIN,
    ]);
    expect(defaultPollSchedule(6, 10 * MIN)).toBe(5 * MIN);
    expect(defaultPollSchedule(8, HOUR)).toBe(15 * MIN);
    expect(defaultPollSchedule(20, 10 * HOUR)).toBe(HOUR);
  });
});

describe("pollArchive", () => {
  it("checks at once, then on the schedule, and reports progress", async () => {
    const reads = scripted({ j: ["IN_PROGRESS", "IN_PROGRESS", "IN_PROGRESS", "COMPLETE"] });
    const { clock, client, start } = setup();
    const progress: ArchiveProgress[] = [];
    const poller = pollArchive(client, "j", {
      random: () => 0.5,
      onProgress: (p) => progress.push(p),
    });
    const state = await poller;
    expect(state.state).toBe("COMPLETE");
    expect(state.urls).toEqual(["https://storage.googleapis.com/b/j.zip"]);
    expect(reads).toEqual(["j", "j", "j", "j"]);
    expect(clock.sleeps).toEqual([0, 10_000, 30_000, MIN]);
    expect(progress.map((p) => [p.state, p.checks, p.nextCheckAt?.getTime()])).toEqual([
      ["IN_PROGRESS", 1, start + 10_000],
      ["IN_PROGRESS", 2, start + 40_000],
      ["IN_PROGRESS", 3, start + 100_000],
      ["COMPLETE", 4, undefined],
    ]);
    expect(progress[3]!.elapsedMs).toBe(100_000);
  });

  it("applies ±25 % jitter", async () => {
    scripted({ lo: ["IN_PROGRESS", "COMPLETE"], hi: ["IN_PROGRESS", "COMPLETE"] });
    const { clock, client } = setup();
    await pollArchive(client, "lo", { random: () => 0 });
    await pollArchive(client, "hi", { random: () => 0.999_999 });
    expect(clock.sleeps.filter(Boolean).map(Math.round)).toEqual([7_500, 12_500]);
  });

  it("ends CANCELLED and FAILED jobs with named errors", async () => {
    scripted({ c: ["IN_PROGRESS", "CANCELLED"], f: ["FAILED"] });
    const { client } = setup();
    await expect(pollArchive(client, "c")).rejects.toBeInstanceOf(ArchiveCancelledError);
    const failed = await waitForArchive(client, "f").catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ArchiveFailedError);
    expect(failed).toMatchObject({ jobId: "f", jobIds: ["f"] });
  });

  it("retries a FAILED job up to the limit, reporting each new job", async () => {
    scripted({ a: ["FAILED"], "a-r": ["IN_PROGRESS", "FAILED"], "a-r-r": ["COMPLETE"] });
    const { client } = setup();
    const progress: ArchiveProgress[] = [];
    const poller = pollArchive(client, "a", {
      retryFailed: 2,
      onProgress: (p) => progress.push(p),
    });
    const state = await poller;
    expect(state.jobId).toBe("a-r-r");
    expect(poller.jobId).toBe("a-r-r");
    expect(progress.filter((p) => p.retriedFrom).map((p) => [p.retriedFrom, p.jobId])).toEqual([
      ["a", "a-r"],
      ["a-r", "a-r-r"],
    ]);
    expect(poller.serialize()).toMatchObject({ jobIds: ["a", "a-r", "a-r-r"], retriesLeft: 0 });
  });

  it("gives up on a FAILED job once retries are used up", async () => {
    scripted({ b: ["FAILED"], "b-r": ["FAILED"], "b-r-r": ["FAILED"], "b-r-r-r": ["FAILED"] });
    const { client } = setup();
    const error = await pollArchive(client, "b", { retryFailed: true }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArchiveFailedError);
    expect(error).toMatchObject({ jobId: "b-r-r-r", jobIds: ["b", "b-r", "b-r-r", "b-r-r-r"] });
  });

  it("times out after maxWaitMs with the last state", async () => {
    scripted({ slow: ["IN_PROGRESS"] });
    const { clock, client, start } = setup();
    const error = (await pollArchive(client, "slow", {
      maxWaitMs: 2 * HOUR,
      random: () => 0.5,
    }).then(
      () => undefined,
      (e: unknown) => e,
    )) as WaitTimeoutError;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.lastState).toBe("IN_PROGRESS");
    expect(error.waitedMs).toBe(2 * HOUR);
    expect(clock.now()).toBe(start + 2 * HOUR);
  });

  it("keeps polling through transient errors, waiting at least as asked", async () => {
    let calls = 0;
    server.use(
      http.get(`${API}/v1/archiveJobs/:id/portabilityArchiveState`, () => {
        calls++;
        if (calls === 1) return HttpResponse.error();
        if (calls === 2) {
          return HttpResponse.json(
            { error: { code: 503, message: "later", status: "UNAVAILABLE" } },
            { status: 503, headers: { "retry-after": "900" } },
          );
        }
        return HttpResponse.json({
          name: "archiveJobs/t/portabilityArchiveState",
          state: "COMPLETE",
        });
      }),
    );
    const clock = instantClock();
    const client = createPortabilityClient({ auth: "t", clock, retry: false });
    const progress: ArchiveProgress[] = [];
    await pollArchive(client, "t", { random: () => 0.5, onProgress: (p) => progress.push(p) });
    expect(progress.map((p) => p.state)).toEqual([undefined, undefined, "COMPLETE"]);
    expect(clock.sleeps).toEqual([0, 10_000, 900_000]);
  });

  it("stops on errors that will not go away", async () => {
    scripted({});
    const { client } = setup();
    await expect(pollArchive(client, "missing")).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  it("honours AbortSignal and stop()", async () => {
    scripted({ s: ["IN_PROGRESS"] });
    const { client } = setup();
    const controller = new AbortController();
    const aborted = pollArchive(client, "s", { signal: controller.signal });
    aborted.onProgress(() => controller.abort(new Error("enough")));
    await expect(aborted).rejects.toThrow("enough");
    await expect(pollArchive(client, "s", { signal: AbortSignal.abort() })).rejects.toThrow();

    const stopped = pollArchive(client, "s");
    stopped.onProgress((p) => p.checks === 2 && stopped.stop());
    await expect(stopped).rejects.toMatchObject({ name: "AbortError" });
  });

  it("refuses bad job IDs before any request", () => {
    const { client } = setup();
    expect(() => pollArchive(client, "../etc")).toThrow(InvalidArgumentError);
  });

  it.each([-1, Number.NaN, Number.POSITIVE_INFINITY, "1h"])(
    "refuses maxWaitMs %j before any request",
    (maxWaitMs) => {
      const reads = scripted({ j: ["IN_PROGRESS"] });
      const { client } = setup();
      expect(() => pollArchive(client, "j", { maxWaitMs: maxWaitMs as number })).toThrow(
        expect.objectContaining({ field: "maxWaitMs" }),
      );
      expect(reads).toEqual([]);
    },
  );

  it("times out saying that no check succeeded, with the last error as cause", async () => {
    server.use(
      http.get(`${API}/v1/archiveJobs/:id/portabilityArchiveState`, () =>
        HttpResponse.json(
          { error: { code: 503, message: "down", status: "UNAVAILABLE" } },
          { status: 503 },
        ),
      ),
    );
    const clock = instantClock();
    const client = createPortabilityClient({ auth: "t", clock, retry: false });
    const error = (await pollArchive(client, "down", { maxWaitMs: HOUR, random: () => 0.5 }).then(
      () => undefined,
      (e: unknown) => e,
    )) as WaitTimeoutError;
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error.message).toBe(`Archive job down had no successful check after ${HOUR} ms`);
    expect(error.lastState).toBeUndefined();
    expect(error.cause).toMatchObject({ httpStatus: 503, code: "UNAVAILABLE" });
  });

  it("stops at once on a state the client does not know", async () => {
    let reads = 0;
    server.use(
      http.get(`${API}/v1/archiveJobs/:id/portabilityArchiveState`, () => {
        reads++;
        return HttpResponse.json({ state: "EXPLODED" });
      }),
    );
    const { client } = setup();
    const error = await expectError(pollArchive(client, "x"), PortabilityApiError);
    expect(error.message).toBe("getArchiveState: 200 UNKNOWN: unexpected state");
    expect(reads).toBe(1);
  });
});

describe("poll()", () => {
  /** A clock whose waits (other than 0) last until the poller wakes or stops them. */
  const wakeOnlyClock = (start: number): Clock & { naps: number[] } => {
    const naps: number[] = [];
    return {
      naps,
      now: () => start,
      sleep: (ms, signal) =>
        new Promise((resolve, reject) => {
          naps.push(ms);
          if (ms === 0) resolve();
          signal?.addEventListener("abort", () => reject(signal.reason));
        }),
    };
  };

  it("checks at once instead of waiting, and the schedule goes on from the due check", async () => {
    const reads = scripted({ p: ["IN_PROGRESS", "IN_PROGRESS", "COMPLETE"] });
    const start = Date.parse("2026-01-01T00:00:00Z");
    const clock = wakeOnlyClock(start);
    const client = createPortabilityClient({ auth: "t", clock });
    const poller = pollArchive(client, "p", { random: () => 0.5 });
    const first = await new Promise<ArchiveProgress>((resolve) => poller.onProgress(resolve));
    expect(first).toMatchObject({ state: "IN_PROGRESS", checks: 1 });
    const second = await poller.poll();
    expect(second).toMatchObject({ state: "IN_PROGRESS", checks: 2 });
    // Planned from the check that was due (10 s), not from the early one: no bunching.
    expect(second.nextCheckAt?.getTime()).toBe(start + 10_000 + 30_000);
    expect(clock.naps).toEqual([0, 40_000]);
    const third = await poller.poll();
    expect(third).toMatchObject({ state: "COMPLETE", checks: 3, nextCheckAt: undefined });
    expect((await poller).state).toBe("COMPLETE");
    expect(reads).toEqual(["p", "p", "p"]);
    // Once ended, poll() answers with the last check and reads nothing more.
    expect(await poller.poll()).toEqual(third);
    expect(reads).toHaveLength(3);
  });

  it("rejects as the poller does once it was stopped", async () => {
    scripted({ s: ["IN_PROGRESS"] });
    const clock = wakeOnlyClock(Date.parse("2026-01-01T00:00:00Z"));
    const poller = pollArchive(createPortabilityClient({ auth: "t", clock }), "s");
    poller.stop();
    await expect(poller.poll()).rejects.toMatchObject({ name: "AbortError" });
  });
});

describe("serialize and resume", () => {
  it("resumes a poller serialized by the previous release (regression)", async () => {
    // Written by `poller.serialize()` of the previous release, just after a first check.
    const previous =
      '{"version":1,"jobId":"old","jobIds":["old"],"retriesLeft":1,"lastState":"IN_PROGRESS","checks":1,"startedAt":"2026-01-01T00:00:00.000Z","deadline":"2026-01-01T01:00:00.000Z","nextCheckAt":"2026-01-01T00:00:10.000Z"}';
    const reads = scripted({ old: ["IN_PROGRESS", "COMPLETE"] });
    const clock = instantClock(Date.parse("2026-01-01T00:00:05Z"));
    const client = createPortabilityClient({ auth: "t", clock });
    const resumed = resumeArchivePoller(client, previous, { random: () => 0.5 });
    expect((await resumed).state).toBe("COMPLETE");
    expect(reads).toEqual(["old", "old"]);
    expect(clock.sleeps).toEqual([5_000, 30_000]);
    expect(resumed.serialize()).toMatchObject({ checks: 3, retriesLeft: 1 });
  });

  it("serializes to small, secret-free JSON and resumes with a fresh client", async () => {
    scripted({ r: ["IN_PROGRESS", "IN_PROGRESS", "COMPLETE"] });
    const { client, clock, start } = setup();
    const first = pollArchive(client, "r", { maxWaitMs: HOUR, retryFailed: 1, random: () => 0.5 });
    first.onProgress(() => first.stop());
    await expect(first).rejects.toMatchObject({ name: "AbortError" });
    const saved = JSON.stringify(first.serialize());
    expect(saved).not.toContain("secret-token");
    expect(saved.length).toBeLessThan(300);
    expect(JSON.parse(saved)).toEqual({
      version: 1,
      jobId: "r",
      jobIds: ["r"],
      retriesLeft: 1,
      lastState: "IN_PROGRESS",
      checks: 1,
      startedAt: new Date(start).toISOString(),
      deadline: new Date(start + HOUR).toISOString(),
      nextCheckAt: new Date(start + 10_000).toISOString(),
    });

    // Another process: its own client and clock, five seconds later.
    const later = instantClock(clock.now() + 5_000);
    const fresh = createPortabilityClient({ auth: "other-token", clock: later });
    const resumed = resumeArchivePoller(fresh, saved, { random: () => 0.5 });
    expect((await resumed).state).toBe("COMPLETE");
    expect(later.sleeps).toEqual([5_000, 30_000]);
    expect(resumed.serialize()).toMatchObject({
      checks: 3,
      deadline: new Date(start + HOUR).toISOString(),
    });
  });

  it("refuses states it did not write", () => {
    const { client } = setup();
    for (const bad of [
      "{",
      "{}",
      JSON.stringify({ version: 2 }),
      { version: 1, jobId: "x", jobIds: [] },
    ]) {
      expect(() => resumeArchivePoller(client, bad as never)).toThrow(InvalidArgumentError);
    }
    for (const [field, bad] of [
      ["serialized.version", { version: 2 }],
      ["serialized.jobIds", { version: 1, jobId: "x", jobIds: [] }],
    ] as const) {
      expect(() => resumeArchivePoller(client, bad as never)).toThrow(
        expect.objectContaining({ field }),
      );
    }
  });
});
