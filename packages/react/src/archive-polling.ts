import {
  type ArchiveState,
  type ArchiveStateName,
  defaultPollSchedule,
  type PollSchedule,
  PortabilityApiError,
  PortabilityError,
} from "@dataportability/core";
import type { Query } from "@tanstack/react-query";

/**
 * How archive-state queries poll.
 *
 * @example
 * ```ts
 * // Check every 2 seconds (a demo against the emulator); the default is core's schedule.
 * const polling: ArchivePollingOptions = { schedule: () => 2_000 };
 * ```
 */
export interface ArchivePollingOptions {
  /**
   * The wait before the next check, given the checks made so far and the time since polling
   * began. Default: core's `defaultPollSchedule` (10 s, 30 s, 1, 2 and 5 min, then 5 to 60 min).
   */
  schedule?: PollSchedule;
}

const TERMINAL: readonly ArchiveStateName[] = ["COMPLETE", "FAILED", "CANCELLED"];

/**
 * Whether an archive job has reached a state it never leaves (COMPLETE, FAILED, CANCELLED).
 *
 * @example
 * ```ts
 * isTerminalArchiveState("IN_PROGRESS"); // false
 * isTerminalArchiveState("COMPLETE");    // true
 * ```
 */
export function isTerminalArchiveState(state: ArchiveStateName | undefined): boolean {
  return state !== undefined && TERMINAL.includes(state);
}

/**
 * Whether polling may go on after an error, by the rule of core's poller: yes for rate
 * limits, server errors and network failures (after the client's own retries); no for
 * answers that asking again cannot change (bad input, 400, 401, 403, 404, exhausted quota).
 *
 * @example
 * ```ts
 * isTransientPollError(new PortabilityApiError({ httpStatus: 503, message: "" })); // true
 * isTransientPollError(new PortabilityApiError({ httpStatus: 404, message: "" })); // false
 * ```
 */
export function isTransientPollError(error: unknown): boolean {
  if (error instanceof PortabilityApiError) return error.isTransient;
  return !(error instanceof PortabilityError);
}

// When each query began polling, for the schedule's `elapsedMs`.
const startedAt = new WeakMap<object, number>();

/**
 * The `refetchInterval` of an archive-state query: the schedule's next wait while the job
 * runs (at least the server's `Retry-After` after an error), `false` once the job is
 * terminal or an error cannot pass. `now` is the client's clock.
 *
 * @example
 * ```ts
 * useQuery({
 *   ...options,
 *   refetchInterval: (query) => archiveRefetchInterval(query, {}, client.clock.now()),
 * });
 * ```
 */
export function archiveRefetchInterval(
  // biome-ignore lint/suspicious/noExplicitAny: any error and key type will do
  query: Query<ArchiveState, any, ArchiveState, any>,
  polling: ArchivePollingOptions,
  now: number,
): number | false {
  const { data, error, status, dataUpdateCount, errorUpdateCount } = query.state;
  if (isTerminalArchiveState(data?.state)) return false;
  if (status === "error" && !isTransientPollError(error)) return false;
  if (!startedAt.has(query)) startedAt.set(query, now);
  const checks = Math.max(1, dataUpdateCount + errorUpdateCount);
  const delay = (polling.schedule ?? defaultPollSchedule)(checks, now - startedAt.get(query)!);
  const serverDelay = error instanceof PortabilityApiError ? (error.retryAfterMs ?? 0) : 0;
  // TanStack treats 0 as "no interval", so the smallest wait is 1 ms.
  return Math.max(1, Math.round(delay), serverDelay);
}
