import { describe, expect, it } from "vitest";
import type { ArchiveState, ArchiveStateName } from "../client/archive-types.js";
import {
  ArchiveCancelledError,
  ArchiveFailedError,
  WaitTimeoutError,
} from "../errors/archive-errors.js";
import { parseApiError } from "../errors/parse-api-error.js";
import { type ExportObservation, nextExportStep } from "./next-export-step.js";
import type { SavedExport } from "./saved-export.js";

const MIN = 60_000;
const T0 = Date.parse("2026-03-01T00:00:00Z");
const at = (ms: number) => new Date(T0 + ms).toISOString();

/** Six checks made over an hour; the seventh is due at 1 h; the deadline is at 2 h. */
const saved = (patch: Partial<SavedExport> = {}): SavedExport => ({
  version: 1,
  jobId: "job-b",
  jobIds: ["job-a", "job-b"],
  retriesLeft: 2,
  lastState: "IN_PROGRESS",
  checks: 6,
  startedAt: at(0),
  deadline: at(120 * MIN),
  nextCheckAt: at(60 * MIN),
  ...patch,
});
const options = { random: () => 0.5 };
// The default schedule after 7 checks and an hour: a quarter of the age, 15 minutes.
const NEXT = at(75 * MIN);

const stateOf = (state: ArchiveStateName): ArchiveState => ({
  jobId: "job-b",
  name: "archiveJobs/job-b/portabilityArchiveState",
  state,
  urls: state === "COMPLETE" ? ["https://storage.googleapis.com/b/job-b.zip"] : [],
});
const apiError = (status: number, body: object | string, headers: Record<string, string> = {}) =>
  parseApiError(
    status,
    new Headers(headers),
    typeof body === "string" ? body : JSON.stringify({ error: body }),
    { operation: "getArchiveState", now: T0 },
  );
const html = "<html><body><h1>Bad gateway</h1></body></html>";

const TIMES = {
  due: T0 + 60 * MIN,
  "clock went backwards": T0 + 30 * MIN,
  "past the deadline": T0 + 121 * MIN,
} as const;
type Time = keyof typeof TIMES;

/** What each observation leads to, per time. */
type Expected =
  | { kind: "check"; at: string; lastState: ArchiveStateName | undefined }
  | { kind: "done" }
  | { kind: "retry-failed" }
  | { kind: "failed"; error: (new (...args: never[]) => Error) | "same" };

const running =
  (state: ArchiveStateName | undefined, next = NEXT) =>
  (time: Time): Expected =>
    time === "past the deadline"
      ? { kind: "failed", error: WaitTimeoutError }
      : { kind: "check", at: next, lastState: state };
const always = (expected: Expected) => () => expected;
const stops = always({ kind: "failed", error: "same" });

const ROWS: [string, ExportObservation, (time: Time) => Expected][] = [
  ["STATE_UNSPECIFIED", { state: stateOf("STATE_UNSPECIFIED") }, running("STATE_UNSPECIFIED")],
  ["IN_PROGRESS", { state: stateOf("IN_PROGRESS") }, running("IN_PROGRESS")],
  ["COMPLETE", { state: stateOf("COMPLETE") }, always({ kind: "done" })],
  ["FAILED", { state: stateOf("FAILED") }, always({ kind: "retry-failed" })],
  [
    "CANCELLED",
    { state: stateOf("CANCELLED") },
    always({ kind: "failed", error: ArchiveCancelledError }),
  ],
  ["network error", { error: new TypeError("fetch failed") }, running(undefined)],
  [
    "503",
    { error: apiError(503, { code: 503, status: "UNAVAILABLE", message: "" }) },
    running(undefined),
  ],
  ["401", { error: apiError(401, { code: 401, status: "UNAUTHENTICATED", message: "" }) }, stops],
  ["403", { error: apiError(403, { code: 403, status: "PERMISSION_DENIED", message: "" }) }, stops],
  ["404", { error: apiError(404, { code: 404, status: "NOT_FOUND", message: "" }) }, stops],
  [
    "429 without Retry-After",
    { error: apiError(429, { code: 429, status: "RESOURCE_EXHAUSTED", message: "" }) },
    running(undefined),
  ],
  [
    "429 with Retry-After 30 min (longer than the schedule)",
    {
      error: apiError(
        429,
        { code: 429, status: "RESOURCE_EXHAUSTED", message: "" },
        { "retry-after": "1800" },
      ),
    },
    // 30 minutes from the check that was due.
    running(undefined, at(90 * MIN)),
  ],
  [
    "429 exhausted one-time quota",
    {
      error: apiError(429, {
        code: 429,
        status: "RESOURCE_EXHAUSTED",
        message: "",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "RESOURCE_EXHAUSTED_ONE_TIME",
          },
        ],
      }),
    },
    stops,
  ],
  ["HTML answer with 200", { error: apiError(200, html, { "content-type": "text/html" }) }, stops],
  [
    "HTML answer with 502",
    { error: apiError(502, html, { "content-type": "text/html" }) },
    running(undefined),
  ],
  ["a bug (not a PortabilityError)", { error: new RangeError("bug") }, running(undefined)],
];

describe("nextExportStep", () => {
  const cases = ROWS.flatMap(([name, observation, expect]) =>
    (Object.keys(TIMES) as Time[]).map((time) => [name, time, observation, expect(time)] as const),
  );

  it.each(cases)("%s, %s", (_name, time, observation, expected) => {
    const before = saved();
    const frozen = JSON.stringify(before);
    const { saved: after, next } = nextExportStep(before, observation, TIMES[time], options);
    expect(JSON.stringify(before)).toBe(frozen); // the input is not modified
    expect(next.kind).toBe(expected.kind);
    if (expected.kind === "check") {
      expect(next).toEqual({ kind: "check", at: expected.at });
      expect(after).toEqual({
        ...before,
        lastState: expected.lastState,
        checks: 7,
        nextCheckAt: expected.at,
      });
    }
    if (expected.kind === "failed" && next.kind === "failed") {
      if (expected.error === "same") {
        expect(next.error).toBe((observation as { error: unknown }).error);
        expect(after).toEqual(before);
      } else {
        expect(next.error).toBeInstanceOf(expected.error);
        expect(after.checks).toBe(7);
      }
    }
    if (next.kind === "done") {
      expect(next.state).toBe((observation as { state: ArchiveState }).state);
      expect(after).toMatchObject({ lastState: "COMPLETE", checks: 7 });
    }
    if (next.kind === "retry-failed") {
      expect(next.jobId).toBe("job-b");
      expect(after).toMatchObject({ lastState: "FAILED", checks: 7, retriesLeft: 2 });
    }
  });

  it("ends a FAILED job with ArchiveFailedError once the retries are used up", () => {
    const { next } = nextExportStep(
      saved({ retriesLeft: 0 }),
      { state: stateOf("FAILED") },
      TIMES.due,
      options,
    );
    expect(next.kind).toBe("failed");
    const error = (next as { error: ArchiveFailedError }).error;
    expect(error).toBeInstanceOf(ArchiveFailedError);
    expect(error).toMatchObject({ jobId: "job-b", jobIds: ["job-a", "job-b"] });
  });

  it("continues with the job a retry started, counting its checks afresh", () => {
    const { saved: after, next } = nextExportStep(
      saved({ lastState: "FAILED", checks: 7 }),
      { retriedAs: "job-c" },
      TIMES.due,
      options,
    );
    // One check of the new job: the schedule's first wait, 10 s.
    const expectedAt = new Date(TIMES.due + 10_000).toISOString();
    expect(next).toEqual({ kind: "check", at: expectedAt });
    expect(after).toMatchObject({
      jobId: "job-c",
      jobIds: ["job-a", "job-b", "job-c"],
      retriesLeft: 1,
      lastState: "FAILED",
      checks: 1,
      nextCheckAt: expectedAt,
    });
  });

  it("names the last error as the cause of a timeout that no check succeeded before", () => {
    const error = apiError(503, { code: 503, status: "UNAVAILABLE", message: "down" });
    const { next } = nextExportStep(saved(), { error }, TIMES["past the deadline"], options);
    const timeout = (next as { error: WaitTimeoutError }).error;
    expect(timeout).toBeInstanceOf(WaitTimeoutError);
    expect(timeout.lastState).toBeUndefined();
    expect(timeout.cause).toBe(error);
    expect(timeout.waitedMs).toBe(121 * MIN);
  });

  it("plans no check after the deadline", () => {
    const { next } = nextExportStep(
      saved({ nextCheckAt: at(115 * MIN) }),
      { state: stateOf("IN_PROGRESS") },
      T0 + 115 * MIN,
      options,
    );
    expect(next).toEqual({ kind: "check", at: at(120 * MIN) });
  });

  it("applies ±25 % jitter", () => {
    const jittered = [0, 0.999_999].map((r) => {
      const { next } = nextExportStep(saved(), { state: stateOf("IN_PROGRESS") }, TIMES.due, {
        random: () => r,
      });
      return Date.parse((next as { at: string }).at) - TIMES.due;
    });
    expect(jittered).toEqual([11.25 * MIN, 18.75 * MIN]);
  });

  it("never bunches checks when the clock keeps going backwards", () => {
    let current = saved();
    const times: number[] = [];
    for (let i = 0; i < 20; i++) {
      // Each round's clock is an hour earlier than the last one's.
      const now = T0 + 60 * MIN - i * 60 * MIN;
      const step = nextExportStep(current, { state: stateOf("IN_PROGRESS") }, now, {
        schedule: () => 10 * MIN,
        random: () => 0,
      });
      current = step.saved;
      if (step.next.kind !== "check") break;
      times.push(Date.parse(step.next.at));
    }
    const gaps = times.slice(1).map((t, i) => t - times[i]!);
    expect(gaps.length).toBeGreaterThan(0);
    // 7.5 minutes is the shortest wait the schedule allows (10 min - 25 %).
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(7.5 * MIN);
  });
});
