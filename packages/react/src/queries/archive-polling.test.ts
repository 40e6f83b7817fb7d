import {
  type ArchiveState,
  type ArchiveStateName,
  createPortabilityClient,
  defaultPollSchedule,
  InvalidArgumentError,
  PortabilityApiError,
} from "@dataportability/core";
import { QueryClient } from "@tanstack/react-query";
import { describe, expect, it } from "vitest";
import {
  archiveRefetchInterval,
  isTerminalArchiveState,
  isTransientPollError,
} from "./archive-polling.js";
import { archiveStateQueryOptions } from "./archive-state-query-options.js";
import { dataPortabilityKeys } from "./data-portability-keys.js";

const state = (name: ArchiveStateName): ArchiveState => ({
  jobId: "job-1",
  name: "archiveJobs/job-1/portabilityArchiveState",
  state: name,
  urls: [],
});

function queryWith(updates: ArchiveState[], error?: Error) {
  const queryClient = new QueryClient();
  const queryKey = dataPortabilityKeys.archiveState("job-1");
  for (const data of updates) queryClient.setQueryData(queryKey, data);
  const query = queryClient.getQueryCache().build(queryClient, { queryKey });
  if (error) query.setState({ status: "error", error, errorUpdateCount: 1 });
  return query as Parameters<typeof archiveRefetchInterval>[0];
}

// No jitter: each wait is exactly the schedule's.
const even = { random: () => 0.5 };

describe("archiveRefetchInterval", () => {
  it("stops at every terminal state", () => {
    for (const name of ["COMPLETE", "FAILED", "CANCELLED"] as const) {
      expect(archiveRefetchInterval(queryWith([state(name)]), even, 0)).toBe(false);
    }
  });

  it("follows core's default schedule while the job runs", () => {
    const query = queryWith([state("IN_PROGRESS")]);
    expect(archiveRefetchInterval(query, even, 0)).toBe(defaultPollSchedule(1, 0));
    // Asked again without a new answer: the same plan, counted down.
    expect(archiveRefetchInterval(query, even, 4_000)).toBe(6_000);
    query.setData(state("IN_PROGRESS"));
    expect(archiveRefetchInterval(query, even, 10_000)).toBe(30_000);
  });

  it("adds core's ±25 % jitter", () => {
    const low = archiveRefetchInterval(queryWith([state("IN_PROGRESS")]), { random: () => 0 }, 0);
    expect(low).toBe(7_500);
  });

  it("stops once the maximum wait is over", () => {
    const query = queryWith([state("IN_PROGRESS")]);
    expect(archiveRefetchInterval(query, { ...even, maxWaitMs: 15_000 }, 0)).toBe(10_000);
    query.setData(state("IN_PROGRESS"));
    // The next check would come after the deadline: it is planned at the deadline.
    expect(archiveRefetchInterval(query, { ...even, maxWaitMs: 15_000 }, 10_000)).toBe(5_000);
    query.setData(state("IN_PROGRESS"));
    expect(archiveRefetchInterval(query, { ...even, maxWaitMs: 15_000 }, 15_000)).toBe(false);
  });

  it("gives a custom schedule the checks made and the time since polling began", () => {
    const calls: [number, number][] = [];
    const query = queryWith([state("IN_PROGRESS")]);
    const schedule = (checks: number, elapsedMs: number) => {
      calls.push([checks, elapsedMs]);
      return 2_000;
    };
    archiveRefetchInterval(query, { ...even, schedule }, 1_000);
    query.setData(state("IN_PROGRESS"));
    expect(archiveRefetchInterval(query, { ...even, schedule }, 4_500)).toBe(2_000);
    expect(calls).toEqual([
      [1, 0],
      [2, 3_500],
    ]);
  });

  it("never answers 0, which TanStack Query reads as 'no polling'", () => {
    expect(
      archiveRefetchInterval(queryWith([state("IN_PROGRESS")]), { ...even, schedule: () => 0 }, 0),
    ).toBe(1);
  });

  it("keeps polling after a passing error, no sooner than the server asked", () => {
    const busy = new PortabilityApiError({
      httpStatus: 503,
      message: "busy",
      retryAfterMs: 45_000,
    });
    expect(archiveRefetchInterval(queryWith([], busy), even, 0)).toBe(45_000);
    expect(archiveRefetchInterval(queryWith([], new TypeError("fetch failed")), even, 0)).toBe(
      10_000,
    );
  });

  it("stops after an error that asking again cannot fix", () => {
    const missing = new PortabilityApiError({ httpStatus: 404, message: "no such job" });
    expect(archiveRefetchInterval(queryWith([state("IN_PROGRESS")], missing), even, 0)).toBe(false);
    const bad = new InvalidArgumentError("jobId", "is empty", "a job ID");
    expect(archiveRefetchInterval(queryWith([], bad), even, 0)).toBe(false);
  });
});

describe("isTerminalArchiveState", () => {
  it("knows which states end a job", () => {
    expect(isTerminalArchiveState("COMPLETE")).toBe(true);
    expect(isTerminalArchiveState("IN_PROGRESS")).toBe(false);
    expect(isTerminalArchiveState("STATE_UNSPECIFIED")).toBe(false);
    expect(isTerminalArchiveState(undefined)).toBe(false);
  });
});

describe("isTransientPollError", () => {
  it("follows core's rule: rate limits, 5xx and network errors pass", () => {
    expect(isTransientPollError(new PortabilityApiError({ httpStatus: 429, message: "" }))).toBe(
      true,
    );
    expect(isTransientPollError(new PortabilityApiError({ httpStatus: 500, message: "" }))).toBe(
      true,
    );
    expect(isTransientPollError(new TypeError("network"))).toBe(true);
    expect(isTransientPollError(new PortabilityApiError({ httpStatus: 401, message: "" }))).toBe(
      false,
    );
  });
});

describe("archiveStateQueryOptions", () => {
  it("refuses a bad maxWaitMs before any request", () => {
    const client = createPortabilityClient({
      auth: "t",
      fetch: () => Promise.reject(new Error("no request expected")),
    });
    expect(() => archiveStateQueryOptions(client, "job-1", { maxWaitMs: -1 })).toThrow(
      expect.objectContaining({ field: "maxWaitMs" }),
    );
  });
});
