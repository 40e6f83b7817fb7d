import type { VirtualClock } from "@dataportability/msw";
import type { TimeoutProvider } from "@tanstack/react-query";
import { act } from "@testing-library/react";

interface Timer {
  at: number;
  every: number | undefined;
  callback: () => void;
}

/**
 * TanStack Query's timers (refetch intervals, stale and gc timeouts) on the emulator's
 * VirtualClock: tests move time with `advance` instead of sleeping, and can see which
 * intervals are still armed.
 */
export class VirtualTimers implements TimeoutProvider<number> {
  readonly #timers = new Map<number, Timer>();
  #nextId = 1;

  constructor(
    readonly clock: VirtualClock,
    /** True once no request of the app is in flight. */
    readonly idle: () => boolean = () => true,
  ) {}

  readonly setTimeout = (callback: () => void, delay: number) =>
    this.#add(callback, delay, undefined);
  readonly setInterval = (callback: () => void, delay: number) => this.#add(callback, delay, delay);
  readonly clearTimeout = (id: number | undefined) => void this.#timers.delete(Number(id));
  readonly clearInterval = (id: number | undefined) => void this.#timers.delete(Number(id));

  /** Delays of the intervals still armed (polling that would go on). */
  get intervals(): number[] {
    return [...this.#timers.values()].flatMap((t) => (t.every === undefined ? [] : [t.every]));
  }

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

  /**
   * Moves time forward, firing due timers in order and letting requests settle after each
   * (unless `settle` is false, for requests that are meant to hang).
   */
  async advance(ms: number, { settle = true } = {}): Promise<void> {
    const target = this.clock.nowMs() + ms;
    const after = () => (settle ? this.settle() : this.turns(3));
    await act(async () => {
      await after();
      for (;;) {
        const due = [...this.#timers.entries()]
          .filter(([, t]) => t.at <= target)
          .sort(([a, x], [b, y]) => x.at - y.at || a - b)[0];
        if (!due) break;
        const [id, timer] = due;
        this.clock.advance(Math.max(0, timer.at - this.clock.nowMs()));
        if (timer.every === undefined) this.#timers.delete(id);
        else timer.at += timer.every;
        timer.callback();
        await after();
      }
      this.clock.advance(Math.max(0, target - this.clock.nowMs()));
      await after();
    });
  }

  /**
   * Lets the event loop run until no request is in flight (real turns, no waiting on time).
   * Idle must hold across one more turn: TanStack Query tells its observers that a request
   * ended on the turn after it ends, and a hook read before then shows the old result.
   */
  async settle(): Promise<void> {
    await this.turns(3);
    // A bound for a stuck test on a busy machine, not a wait: idle requests return at once.
    const giveUpAt = Date.now() + 10_000;
    for (let idleTurns = 0; idleTurns < 2; ) {
      if (Date.now() > giveUpAt) throw new Error("VirtualTimers: requests did not settle");
      idleTurns = this.idle() ? idleTurns + 1 : 0;
      await this.turns(1);
    }
  }

  async turns(count: number): Promise<void> {
    for (let i = 0; i < count; i++)
      await new Promise((resolve) => globalThis.setTimeout(resolve, 0));
  }

  #add(callback: () => void, delay: number, every: number | undefined): number {
    const id = this.#nextId++;
    this.#timers.set(id, { at: this.clock.nowMs() + Math.max(0, delay), every, callback });
    return id;
  }
}
