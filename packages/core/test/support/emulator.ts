import {
  createEmulator,
  type Emulator,
  type EmulatorOptions,
  VirtualClock,
} from "@dataportability/msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll } from "vitest";
import type { Clock } from "../../src/index.js";

export const START = new Date("2026-01-01T00:00:00Z");

/**
 * The client's clock over the emulator's VirtualClock: every sleep moves virtual time forward at
 * once, so hours of polling and backoff take no real time.
 */
export function clientClock(clock: VirtualClock): Clock & { sleeps: number[] } {
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => clock.nowMs(),
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      sleeps.push(ms);
      clock.advance(ms);
      await Promise.resolve();
      signal?.throwIfAborted();
    },
  };
}

/**
 * One MSW server per test file (`onUnhandledRequest: "error"`); `fresh()` swaps in a new
 * emulator on a virtual clock for each test.
 */
export function useEmulator() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterEach(() => server.resetHandlers());
  afterAll(() => server.close());
  return {
    server,
    fresh(options: EmulatorOptions = {}): {
      emulator: Emulator;
      clock: ReturnType<typeof clientClock>;
    } {
      const virtual = options.clock ?? new VirtualClock(START);
      const emulator = createEmulator({
        completeAfterPolls: 1,
        sleep: async (ms) => {
          virtual.advance(ms);
        },
        ...options,
        clock: virtual,
      });
      server.resetHandlers(...emulator.handlers);
      return { emulator, clock: clientClock(virtual) };
    },
  };
}
