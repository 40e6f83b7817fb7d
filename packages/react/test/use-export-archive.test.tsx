import { InvalidArgumentError, PortabilityApiError, type Resource } from "@dataportability/core";
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import { type ExportArchivePhase, useExportArchive } from "../src/index.js";
import { createHarness, INITIATE_OPERATION, STATE_OPERATION } from "./support/harness.js";

const RESOURCES: Resource[] = ["myactivity.youtube"];
const SIX_HOURS = 6 * 3_600_000;

function renderExport(h: ReturnType<typeof createHarness>, resources = RESOURCES, jobId?: string) {
  const phases: ExportArchivePhase[] = [];
  const view = renderHook(
    () => {
      const exp = useExportArchive(resources, jobId ? { jobId } : {});
      if (phases.at(-1) !== exp.phase) phases.push(exp.phase);
      return exp;
    },
    { wrapper: h.wrapper },
  );
  return { ...view, phases };
}

describe("useExportArchive", () => {
  it("goes idle → initiating → waiting → complete, with URLs and their expiry", async () => {
    const h = createHarness();
    const { result, phases } = renderExport(h);
    expect(result.current.phase).toBe("idle");
    expect(h.emulator.requests).toHaveLength(0);

    act(() => result.current.start());
    await waitFor(() => expect(result.current.phase).toBe("waiting"));
    const waiting = result.current;
    if (waiting.phase !== "waiting") throw new Error("not waiting");
    expect(waiting.state).toBe("IN_PROGRESS");
    expect(waiting.checks).toBe(1);
    expect(waiting.accessType).toBe("ONE_TIME");
    // On the client's clock: the first check, then the schedule's first wait.
    expect(waiting.nextCheckAt?.getTime()).toBe(h.clock.nowMs() + 10_000);

    await h.timers.advance(40_000);
    const done = result.current;
    if (done.phase !== "complete") throw new Error(`phase ${done.phase}`);
    expect(done.jobId).toBe(waiting.jobId);
    expect(done.urls).toEqual(h.emulator.job(done.jobId)?.urls);
    expect(done.urls[0]).toMatch(/^https:\/\/storage\.googleapis\.com\//);
    expect(done.urlsExpireAt?.getTime()).toBe(h.clock.nowMs() + SIX_HOURS);
    expect(phases).toEqual(["idle", "initiating", "waiting", "complete"]);
    expect(h.count(INITIATE_OPERATION)).toBe(1);
    expect(h.count(STATE_OPERATION)).toBe(3);
    expect(h.timers.intervals).toEqual([]);
  });

  it("starts one export and polls once under StrictMode", async () => {
    const h = createHarness({ strict: true });
    const { result } = renderExport(h);
    act(() => result.current.start());
    await waitFor(() => expect(result.current.phase).toBe("waiting"));
    await h.timers.advance(40_000);
    expect(result.current.phase).toBe("complete");
    expect(h.count(INITIATE_OPERATION)).toBe(1);
    expect(h.count(STATE_OPERATION)).toBe(3);
  });

  it("shows when the next export is allowed after a time-based 429", async () => {
    const h = createHarness({ accessType: "TIME_BASED" });
    const { result } = renderExport(h);
    act(() => result.current.start());
    await waitFor(() => expect(result.current.phase).toBe("waiting"));
    await h.timers.advance(40_000);
    expect(result.current.phase).toBe("complete");

    act(() => result.current.start());
    await waitFor(() => expect(result.current.phase).toBe("error"));
    const refused = result.current;
    if (refused.phase !== "error") throw new Error("no error");
    expect(refused.error).toBeInstanceOf(PortabilityApiError);
    const error = refused.error as PortabilityApiError;
    expect(error.httpStatus).toBe(429);
    expect(error.reason).toBe("RESOURCE_EXHAUSTED_TIME_BASED");
    expect(refused.nextAllowedAt?.toISOString()).toBe("2026-01-02T00:00:00.000Z");
  });

  it("rejects unknown resources with InvalidArgumentError before any request", async () => {
    const h = createHarness();
    const { result } = renderExport(h, ["myactivity.youtub" as Resource]);
    act(() => result.current.start());
    await waitFor(() => expect(result.current.phase).toBe("error"));
    const failed = result.current;
    if (failed.phase !== "error") throw new Error("no error");
    expect(failed.error).toBeInstanceOf(InvalidArgumentError);
    expect((failed.error as InvalidArgumentError).suggestion).toBe("myactivity.youtube");
    expect(h.emulator.requests).toHaveLength(0);
  });

  it("cancels a running job", async () => {
    const h = createHarness();
    const { result } = renderExport(h);
    act(() => result.current.start());
    await waitFor(() => expect(result.current.phase).toBe("waiting"));
    const jobId = result.current.jobId!;

    act(() => result.current.cancel());
    await waitFor(() => expect(result.current.phase).toBe("cancelled"));
    expect(h.emulator.job(jobId)?.state).toBe("CANCELLED");
    expect(h.timers.intervals).toEqual([]);
  });

  it("retries a failed job as a new job that completes", async () => {
    const h = createHarness();
    const { result } = renderExport(h);
    act(() => result.current.start());
    await waitFor(() => expect(result.current.phase).toBe("waiting"));
    const firstJob = result.current.jobId!;

    h.emulator.failJob(firstJob);
    await h.timers.advance(10_000);
    expect(result.current.phase).toBe("failed");

    act(() => result.current.retry());
    await waitFor(() => expect(result.current.phase).toBe("waiting"));
    const secondJob = result.current.jobId!;
    expect(secondJob).not.toBe(firstJob);
    expect(h.emulator.job(secondJob)?.retryOf).toBe(firstJob);

    await h.timers.advance(40_000);
    expect(result.current.phase).toBe("complete");
  });

  it("resumes a job started earlier and resets to idle", async () => {
    const h = createHarness();
    const { archiveJobId } = await h.client.initiateArchive({ resources: RESOURCES });
    const { result } = renderExport(h, RESOURCES, archiveJobId);
    expect(result.current.phase).toBe("waiting");
    await waitFor(() => expect(h.count(STATE_OPERATION)).toBe(1));
    await h.timers.advance(40_000);
    expect(result.current.phase).toBe("complete");

    act(() => result.current.reset());
    expect(result.current.phase).toBe("idle");
    expect(result.current.jobId).toBeUndefined();
  });

  it("refresh() reads the state again for fresh signed URLs", async () => {
    const h = createHarness();
    const { result } = renderExport(h);
    act(() => result.current.start());
    await waitFor(() => expect(result.current.phase).toBe("waiting"));
    await h.timers.advance(40_000);
    const before = h.count(STATE_OPERATION);

    await h.timers.advance(30 * 60_000);
    act(() => result.current.refresh());
    await waitFor(() => {
      const done = result.current;
      expect(done.phase === "complete" && done.urlsExpireAt?.getTime()).toBe(
        h.clock.nowMs() + SIX_HOURS,
      );
    });
    expect(h.count(STATE_OPERATION)).toBe(before + 1);
  });

  it("stops all requests when unmounted while waiting", async () => {
    const h = createHarness();
    const { result, unmount } = renderExport(h);
    act(() => result.current.start());
    await waitFor(() => expect(result.current.phase).toBe("waiting"));
    unmount();
    const sent = h.emulator.requests.length;
    await h.timers.advance(24 * 3_600_000);
    expect(h.emulator.requests).toHaveLength(sent);
    expect(h.timers.intervals).toEqual([]);
  });
});
