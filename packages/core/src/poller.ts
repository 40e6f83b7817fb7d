import type { Clock } from "./clock.js";
import type { PollSchedule } from "./poll-schedule.js";

/**
 * A running poll: await it for the result, watch it with `onProgress`, end it with `stop()`.
 *
 * @example
 * ```ts
 * const poller: Poller<ArchiveState, ArchiveProgress> = pollArchive(client, jobId);
 * const off = poller.onProgress((p) => console.log(p.state));
 * const state = await poller;
 * off();
 * ```
 */
export interface Poller<T, P> extends PromiseLike<T> {
  /** Subscribes to progress after each check; returns the unsubscribe function. */
  onProgress(listener: (progress: P) => void): () => void;
  /** Stops polling; the poller rejects with an `AbortError` and can still be serialized. */
  stop(): void;
}

/** @internal The engine's own state, kept by the caller so it can be serialized. */
export interface PollerState {
  startedAt: number;
  deadline: number;
  checks: number;
  nextCheckAt: number;
}

/** @internal One check: a result ends polling; otherwise wait (at least `waitMs`) and check again. */
export type PollOutcome<T> = { result: T } | { waitMs?: number | undefined };

/** @internal */
export interface PollerEngineOptions<T, P> {
  clock: Clock;
  signal: AbortSignal | undefined;
  schedule: PollSchedule;
  random: () => number;
  state: PollerState;
  check(signal: AbortSignal): Promise<PollOutcome<T>>;
  progress(outcome: PollOutcome<T>): P;
  timeout(): Error;
}

/**
 * @internal The generic engine: waits on the injected clock, applies the schedule with
 * ±25 % jitter and server-suggested minimum waits, stops at the deadline, honours AbortSignal.
 * @example
 * ```ts
 * const poller = createPoller({ clock, signal, schedule, random, state, check, progress, timeout });
 * ```
 */
export function createPoller<T, P>(o: PollerEngineOptions<T, P>): Poller<T, P> {
  const controller = new AbortController();
  const listeners = new Set<(progress: P) => void>();
  const s = o.state;
  const onAbort = () => controller.abort(o.signal?.reason);
  if (o.signal?.aborted) onAbort();
  o.signal?.addEventListener("abort", onAbort);
  const run = async (): Promise<T> => {
    try {
      for (;;) {
        await o.clock.sleep(Math.max(0, s.nextCheckAt - o.clock.now()), controller.signal);
        const outcome = await o.check(controller.signal);
        s.checks++;
        const now = o.clock.now();
        if (!("result" in outcome)) {
          if (now >= s.deadline) throw o.timeout();
          const planned = o.schedule(s.checks, now - s.startedAt) * (0.75 + o.random() / 2);
          s.nextCheckAt = Math.round(
            Math.min(s.deadline, now + Math.max(planned, outcome.waitMs ?? 0)),
          );
        }
        const progress = o.progress(outcome);
        for (const listener of listeners) listener(progress);
        if ("result" in outcome) return outcome.result;
      }
    } finally {
      o.signal?.removeEventListener("abort", onAbort);
    }
  };
  const promise = run();
  promise.catch(() => {});
  return {
    // biome-ignore lint/suspicious/noThenProperty: a poller is awaitable by design.
    then: (onfulfilled, onrejected) => promise.then(onfulfilled, onrejected),
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => controller.abort(new DOMException("Polling stopped", "AbortError")),
  };
}
