import type { Clock } from "../../src/index.js";

/** A clock whose sleeps return at once after moving time forward; it records every wait. */
export interface InstantClock extends Clock {
  sleeps: number[];
  set(ms: number): void;
}

export function instantClock(start = Date.parse("2026-01-01T00:00:00Z")): InstantClock {
  let now = start;
  const sleeps: number[] = [];
  return {
    sleeps,
    now: () => now,
    set: (ms) => {
      now = ms;
    },
    async sleep(ms, signal) {
      signal?.throwIfAborted();
      sleeps.push(ms);
      now += ms;
      await Promise.resolve();
      signal?.throwIfAborted();
    },
  };
}
