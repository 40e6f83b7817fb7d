import { InvalidArgumentError, PortabilityApiError } from "@dataportability/core";
import { focusManager } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { afterEach, describe, expect, it } from "vitest";
import { useArchiveState } from "../src/index.js";
import { createHarness, STATE_OPERATION } from "./support/harness.js";

afterEach(() => focusManager.setFocused(undefined));

async function startJob(h: ReturnType<typeof createHarness>) {
  const { archiveJobId } = await h.client.initiateArchive({ resources: ["myactivity.youtube"] });
  return archiveJobId;
}

describe("useArchiveState", () => {
  it("polls on core's schedule (10 s, then 30 s) and stops at COMPLETE", async () => {
    const h = createHarness();
    const jobId = await startJob(h);
    const { result } = renderHook(() => useArchiveState(jobId), { wrapper: h.wrapper });

    await waitFor(() => expect(result.current.data?.state).toBe("IN_PROGRESS"));
    expect(h.count(STATE_OPERATION)).toBe(1);
    expect(h.timers.intervals).toEqual([10_000]);

    await h.timers.advance(9_999);
    expect(h.count(STATE_OPERATION)).toBe(1);
    await h.timers.advance(1);
    expect(h.count(STATE_OPERATION)).toBe(2);
    expect(h.timers.intervals).toEqual([30_000]);

    await h.timers.advance(30_000);
    await waitFor(() => expect(result.current.data?.state).toBe("COMPLETE"));
    expect(result.current.data?.urls).toHaveLength(1);
    expect(h.timers.intervals).toEqual([]);

    await h.timers.advance(24 * 3_600_000);
    expect(h.count(STATE_OPERATION)).toBe(3);
  });

  it("follows a schedule given to the hook", async () => {
    const h = createHarness({ emulator: { completeAfterPolls: 5 } });
    const jobId = await startJob(h);
    const { result } = renderHook(() => useArchiveState(jobId, { schedule: () => 2_000 }), {
      wrapper: h.wrapper,
    });
    await waitFor(() => expect(result.current.data?.state).toBe("IN_PROGRESS"));
    await h.timers.advance(8_000);
    expect(h.count(STATE_OPERATION)).toBe(5);
    await h.timers.advance(2_000);
    expect(result.current.data?.state).toBe("COMPLETE");
  });

  it("pauses while the tab is hidden and checks again when it is shown", async () => {
    const h = createHarness({ emulator: { completeAfterPolls: 10 } });
    const jobId = await startJob(h);
    const { result } = renderHook(() => useArchiveState(jobId), { wrapper: h.wrapper });
    await waitFor(() => expect(result.current.data?.state).toBe("IN_PROGRESS"));

    act(() => focusManager.setFocused(false));
    await h.timers.advance(120_000);
    expect(h.count(STATE_OPERATION)).toBe(1);

    act(() => focusManager.setFocused(true));
    await waitFor(() => expect(h.count(STATE_OPERATION)).toBe(2));
  });

  it("stops polling on unmount and aborts the request in flight", async () => {
    const signals: AbortSignal[] = [];
    const h = createHarness({
      client: {
        fetch: (input, init) => {
          if (init.signal) signals.push(init.signal);
          return fetch(input, init);
        },
      },
    });
    const jobId = await startJob(h);
    const { result, unmount } = renderHook(() => useArchiveState(jobId), { wrapper: h.wrapper });
    await waitFor(() => expect(result.current.data?.state).toBe("IN_PROGRESS"));
    expect(h.timers.intervals).toEqual([10_000]);

    // The next check hangs at the emulator (latency on the virtual clock) when we unmount.
    h.emulator.setFaults([{ name: "latency", ms: 60_000 }]);
    const sent = signals.length;
    await h.timers.advance(10_000, { settle: false });
    expect(h.queryClient.isFetching()).toBe(1);
    expect(signals).toHaveLength(sent + 1);
    unmount();

    await waitFor(() => expect(signals[sent]?.aborted).toBe(true));
    expect(h.timers.intervals).toEqual([]);
    h.emulator.setFaults([]);
    await h.timers.advance(24 * 3_600_000);
    expect(signals).toHaveLength(sent + 1);
  });

  it("is disabled without a job ID", async () => {
    const h = createHarness();
    const { result } = renderHook(() => useArchiveState(undefined), { wrapper: h.wrapper });
    await h.timers.advance(60_000);
    expect(result.current.fetchStatus).toBe("idle");
    expect(h.emulator.requests).toHaveLength(0);
  });

  it("fails with InvalidArgumentError before any request for a malformed job ID", async () => {
    const h = createHarness();
    const { result } = renderHook(() => useArchiveState("not a/job id"), { wrapper: h.wrapper });
    await waitFor(() => expect(result.current.error).toBeInstanceOf(InvalidArgumentError));
    expect((result.current.error as InvalidArgumentError).field).toBe("jobId");
    expect(h.emulator.requests).toHaveLength(0);
    expect(h.timers.intervals).toEqual([]);
  });

  it("surfaces a 404 as a typed PortabilityApiError and stops polling", async () => {
    const h = createHarness();
    const { result } = renderHook(() => useArchiveState("no-such-job"), { wrapper: h.wrapper });
    await waitFor(() => expect(result.current.error).toBeInstanceOf(PortabilityApiError));
    const error = result.current.error as PortabilityApiError;
    expect(error.httpStatus).toBe(404);
    expect(error.code).toBe("NOT_FOUND");
    expect(h.timers.intervals).toEqual([]);
  });

  it("keeps polling through a server error and recovers", async () => {
    const h = createHarness({ client: { retry: false } });
    const jobId = await startJob(h);
    h.emulator.setFaults([{ name: "server-error", status: 503, times: 1 }]);
    const { result } = renderHook(() => useArchiveState(jobId), { wrapper: h.wrapper });
    await waitFor(() => expect(result.current.error).toBeInstanceOf(PortabilityApiError));
    expect((result.current.error as PortabilityApiError).httpStatus).toBe(503);
    expect(h.timers.intervals).toEqual([10_000]);

    await h.timers.advance(10_000);
    expect(result.current.error).toBeNull();
    expect(result.current.data?.state).toBe("IN_PROGRESS");
  });

  it("polls once per job under StrictMode's double mount", async () => {
    const h = createHarness({ strict: true });
    const jobId = await startJob(h);
    const { result } = renderHook(() => useArchiveState(jobId), { wrapper: h.wrapper });
    await waitFor(() => expect(result.current.data?.state).toBe("IN_PROGRESS"));
    expect(h.count(STATE_OPERATION)).toBe(1);
    expect(h.timers.intervals).toEqual([10_000]);
    await h.timers.advance(40_000);
    expect(result.current.data?.state).toBe("COMPLETE");
    expect(h.count(STATE_OPERATION)).toBe(3);
  });
});
