// @vitest-environment jsdom

import { downloadArchive } from "@dataportability/node";
import { DataPortabilityProvider, useExportArchive } from "@dataportability/react";
import { QueryClient, QueryClientProvider, timeoutManager } from "@tanstack/react-query";
import { act, renderHook } from "@testing-library/react";
import type { ReactNode } from "react";
import { afterEach, describe, it } from "vitest";
// The React package's own test timers: TanStack Query's timeouts on the emulator's clock.
import { VirtualTimers } from "../../../packages/react/test/support/virtual-timers.js";
import { assertOutcome, type FlowOutcome } from "../src/assert-outcome.js";
import { FAULT_CASES } from "../src/fault-cases.js";
import { MAX_WAIT_MS } from "../src/node-flows.js";
import { createWorld, RESOURCES, type World } from "../src/world.js";

let timers: VirtualTimers | undefined;
const current = () => {
  if (!timers) throw new Error("a TanStack timer outside a scenario");
  return timers;
};
timeoutManager.setTimeoutProvider<number>({
  setTimeout: (callback, delay) => current().setTimeout(callback, delay),
  clearTimeout: (id) => current().clearTimeout(id),
  setInterval: (callback, delay) => current().setInterval(callback, delay),
  clearInterval: (id) => current().clearInterval(id),
});
afterEach(() => {
  timers = undefined;
});

const TERMINAL = new Set(["complete", "failed", "cancelled", "error"]);

/**
 * React hook: `useExportArchive` in a component tree, started with `start()`, polled on core's
 * schedule (TanStack timers on the virtual clock), `retry()` on a FAILED job when the case
 * allows it, and the URLs it shows downloaded with `downloadArchive`.
 */
async function reactFlow(world: World, fault: (typeof FAULT_CASES)[number]): Promise<FlowOutcome> {
  const queryClient = new QueryClient();
  timers = new VirtualTimers(
    world.clock,
    () => queryClient.isFetching() + queryClient.isMutating() === 0,
  );
  const virtual = timers;
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <DataPortabilityProvider client={world.client}>{children}</DataPortabilityProvider>
    </QueryClientProvider>
  );
  const { result, unmount } = renderHook(() => useExportArchive(RESOURCES), { wrapper });
  // Real sockets need real turns of the event loop; virtual time moves only between them.
  const settle = () => act(() => virtual.settle());
  const runUntil = async (done: () => boolean) => {
    const deadline = world.clock.nowMs() + MAX_WAIT_MS;
    for (;;) {
      await settle();
      if (done()) return;
      const next = virtual.nextDue();
      if (next === undefined || next > deadline) return;
      await act(async () => virtual.fireNext());
    }
  };
  try {
    act(() => result.current.start());
    await runUntil(() => result.current.phase !== "initiating");
    if (result.current.phase === "waiting") fault.afterStart?.(world);
    await runUntil(() => TERMINAL.has(result.current.phase));
    if (result.current.phase === "failed" && fault.retryFailed) {
      act(() => result.current.retry());
      await runUntil(() => result.current.phase !== "initiating");
      await runUntil(() => TERMINAL.has(result.current.phase));
    }
    const state = result.current;
    if (state.phase === "complete") {
      world.clock.advance(5 * 60_000);
      await downloadArchive({
        state: { urls: state.urls, jobId: state.jobId },
        client: world.client,
        folder: world.folder,
        clock: world.coreClock,
      }).catch((error: unknown) => {
        throw Object.assign(new Error("download"), { downloadError: error });
      });
      return { completeJobId: state.jobId };
    }
    if (state.phase === "failed") return { failedJobId: state.jobId };
    if (state.phase === "error" || (state.phase === "waiting" && state.error)) {
      return { error: state.error };
    }
    throw new Error(`the hook ended in phase ${state.phase}`);
  } finally {
    unmount();
    queryClient.clear();
  }
}

describe.each(FAULT_CASES)("fault: $id", (fault) => {
  it("flow: react", async ({ task }) => {
    const world = await createWorld(fault.world);
    try {
      const outcome = await reactFlow(world, fault).catch((error: unknown) => ({
        error: (error as { downloadError?: unknown }).downloadError ?? error,
      }));
      await assertOutcome(
        world,
        fault.expect.react ?? fault.expect.default,
        fault.struck,
        outcome,
        task.meta,
      );
    } finally {
      await world.close();
    }
  });
});
