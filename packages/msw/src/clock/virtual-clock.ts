/**
 * Options of a {@link VirtualClock}.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock(Date.now(), { ticking: true } satisfies VirtualClockOptions);
 * ```
 */
export interface VirtualClockOptions {
  /**
   * When true the clock also follows real time (plus whatever was advanced), as a server that
   * people poll by hand expects. Default false: time moves only when advanced.
   */
  readonly ticking?: boolean;
}

interface Sleeper {
  readonly at: number;
  readonly order: number;
  readonly resolve: () => void;
}

/**
 * A clock that tests move by hand, so day-long flows (token expiry, 24-hour cool-downs, 6-hour
 * signed URLs) run in milliseconds. The emulator reads every time from it.
 *
 * @example
 * ```ts
 * const clock = new VirtualClock(new Date("2026-01-01T00:00:00Z"));
 * clock.advance(24 * 60 * 60 * 1000);
 * clock.now().toISOString(); // "2026-01-02T00:00:00.000Z"
 * ```
 */
export class VirtualClock {
  #offsetMs: number;
  readonly #ticking: boolean;
  #sleepers: Sleeper[] = [];
  #order = 0;

  constructor(start: Date | number = Date.now(), options: VirtualClockOptions = {}) {
    const startMs = typeof start === "number" ? start : start.getTime();
    if (!Number.isFinite(startMs)) {
      throw new TypeError(`VirtualClock: start must be a valid Date or epoch milliseconds`);
    }
    this.#ticking = options.ticking === true;
    this.#offsetMs = this.#ticking ? startMs - Date.now() : startMs;
  }

  /**
   * The current virtual time as a Date.
   *
   * @example
   * ```ts
   * new VirtualClock(0).now().getTime(); // 0
   * ```
   */
  now(): Date {
    return new Date(this.nowMs());
  }

  /**
   * The current virtual time in epoch milliseconds.
   *
   * @example
   * ```ts
   * new VirtualClock(1_000).nowMs(); // 1000
   * ```
   */
  nowMs(): number {
    return this.#ticking ? Date.now() + this.#offsetMs : this.#offsetMs;
  }

  /**
   * Moves the clock forward by `ms` and wakes every {@link VirtualClock.sleep} that is due.
   *
   * @example
   * ```ts
   * const clock = new VirtualClock(0);
   * clock.advance(5_000).getTime(); // 5000
   * ```
   */
  advance(ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`VirtualClock.advance: ms must be a finite number >= 0, got ${ms}`);
    }
    this.#offsetMs += ms;
    this.#wake();
    return this.now();
  }

  /**
   * Advances in steps, letting promise continuations run after each woken sleeper, so code that
   * sleeps again after waking (a poller) keeps up. Resolves with the new time.
   *
   * @example
   * ```ts
   * const clock = new VirtualClock(0);
   * const done = clock.sleep(1_000).then(() => clock.sleep(1_000));
   * await clock.advanceAsync(2_000);
   * await done; // both sleeps finished
   * ```
   */
  async advanceAsync(ms: number): Promise<Date> {
    if (!Number.isFinite(ms) || ms < 0) {
      throw new RangeError(`VirtualClock.advanceAsync: ms must be a finite number >= 0, got ${ms}`);
    }
    const target = this.nowMs() + ms;
    for (;;) {
      await flushMicrotasks();
      const next = this.#sleepers[0];
      if (next === undefined || next.at > target) break;
      this.#offsetMs += Math.max(0, next.at - this.nowMs());
      this.#wake();
    }
    this.#offsetMs += Math.max(0, target - this.nowMs());
    this.#wake();
    await flushMicrotasks();
    return this.now();
  }

  /**
   * Sets the clock to a given time (forwards or backwards) and wakes sleepers now due.
   *
   * @example
   * ```ts
   * const clock = new VirtualClock(0);
   * clock.set(new Date("2026-06-01T00:00:00Z"));
   * ```
   */
  set(date: Date | number): void {
    const ms = typeof date === "number" ? date : date.getTime();
    if (!Number.isFinite(ms)) throw new TypeError("VirtualClock.set: expected a valid Date");
    this.#offsetMs = this.#ticking ? ms - Date.now() : ms;
    this.#wake();
  }

  /**
   * A promise that resolves once the virtual time has moved `ms` forward. Inject it wherever code
   * would otherwise sleep for real.
   *
   * @example
   * ```ts
   * const clock = new VirtualClock(0);
   * const slept = clock.sleep(60_000);
   * clock.advance(60_000);
   * await slept;
   * ```
   */
  sleep(ms: number): Promise<void> {
    const at = this.nowMs() + Math.max(0, ms);
    return new Promise<void>((resolve) => {
      const sleeper: Sleeper = { at, order: this.#order++, resolve };
      const index = this.#sleepers.findIndex(
        (s) => s.at > at || (s.at === at && s.order > sleeper.order),
      );
      if (index === -1) this.#sleepers.push(sleeper);
      else this.#sleepers.splice(index, 0, sleeper);
      if (ms <= 0) this.#wake();
    });
  }

  /**
   * How many {@link VirtualClock.sleep} calls are still waiting.
   *
   * @example
   * ```ts
   * const clock = new VirtualClock(0);
   * void clock.sleep(10);
   * clock.pendingSleeps; // 1
   * ```
   */
  get pendingSleeps(): number {
    return this.#sleepers.length;
  }

  #wake(): void {
    const now = this.nowMs();
    while (this.#sleepers.length > 0 && this.#sleepers[0]!.at <= now) {
      this.#sleepers.shift()!.resolve();
    }
  }
}

async function flushMicrotasks(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}
