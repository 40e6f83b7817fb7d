import type { VirtualClock } from "@dataportability/msw";
import type { TimeoutProvider } from "@tanstack/react-query";

interface Timer {
  at: number;
  every: number | undefined;
  callback: () => void;
}

/**
 * TanStack Query's timers (refetch intervals, retry delays, gc) on the emulator's virtual
 * clock: the test fires them in time order with {@link VirtualTimers.fireNext} instead of
 * waiting for hours.
 *
 * @example
 * timeoutManager.setTimeoutProvider(new VirtualTimers(clock));
 */
export class VirtualTimers implements TimeoutProvider<number> {
  readonly #timers = new Map<number, Timer>();
  #nextId = 1;

  constructor(readonly clock: VirtualClock) {}

  readonly setTimeout = (callback: () => void, delay: number) =>
    this.#add(callback, delay, undefined);
  readonly setInterval = (callback: () => void, delay: number) => this.#add(callback, delay, delay);
  readonly clearTimeout = (id: number | undefined) => void this.#timers.delete(Number(id));
  readonly clearInterval = (id: number | undefined) => void this.#timers.delete(Number(id));

  /** Virtual time of the next timer due, if any. */
  nextDue(): number | undefined {
    let next: number | undefined;
    for (const timer of this.#timers.values()) {
      if (next === undefined || timer.at < next) next = timer.at;
    }
    return next;
  }

  /** Moves the clock to the next timer and fires it (and any due at the same moment). */
  fireNext(): void {
    const at = this.nextDue();
    if (at === undefined) return;
    if (at > this.clock.nowMs()) this.clock.advance(at - this.clock.nowMs());
    for (const [id, timer] of [...this.#timers].sort(([a, x], [b, y]) => x.at - y.at || a - b)) {
      if (timer.at > at) break;
      if (timer.every === undefined) this.#timers.delete(id);
      else timer.at += Math.max(1, timer.every);
      timer.callback();
    }
  }

  #add(callback: () => void, delay: number, every: number | undefined): number {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.clock.nowMs() + Math.max(0, delay), every, callback });
    return id;
  }
}
