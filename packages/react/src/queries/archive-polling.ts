import {
  type ArchiveState,
  type ArchiveStateName,
  type ExportNext,
  type ExportStepOptions,
  nextExportStep,
  type SavedExport,
} from "@dataportability/core";
import {
  DEFAULT_MAX_WAIT_MS,
  isTerminalState,
  isTransientError,
  newSavedExport,
} from "@dataportability/core/internal";
import type { Query } from "@tanstack/react-query";

/**
 * How archive-state queries poll: core's rules (`nextExportStep`), so the schedule, its ±25 %
 * jitter, the server's `Retry-After` and the maximum wait are those of every other poller.
 *
 * @example
 * ```ts
 * // Check every 2 seconds (a demo against the emulator); the default is core's schedule.
 * const polling: ArchivePollingOptions = { schedule: () => 2_000 };
 * ```
 */
export interface ArchivePollingOptions extends ExportStepOptions {
  /** Stop polling a job this long after its first answer, at least 0. Default 7 days. */
  maxWaitMs?: number;
}

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
  return isTerminalState(state);
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
  return isTransientError(error);
}

/** Each query's saved export, stepped once per answer (TanStack asks for the interval often). */
const steps = new WeakMap<object, { answers: number; saved: SavedExport; next: ExportNext }>();

/**
 * @internal The query's last decision of core's step, taken once per new answer; `undefined`
 * before the first answer.
 * @example
 * ```ts
 * const next = archivePollStep(query, {}, client.clock.now());
 * ```
 */
export function archivePollStep(
  // biome-ignore lint/suspicious/noExplicitAny: any error and key type will do
  query: Query<ArchiveState, any, ArchiveState, any>,
  polling: ArchivePollingOptions,
  now: number,
): ExportNext | undefined {
  const { data, error, status, dataUpdateCount, errorUpdateCount } = query.state;
  const answers = dataUpdateCount + errorUpdateCount;
  const last = steps.get(query);
  if (last?.answers === answers) return last.next;
  if (answers === 0 || (status !== "error" && !data)) return undefined;
  const saved =
    last?.saved ??
    newSavedExport(
      data?.jobId ?? String(query.queryKey.at(-1)),
      now,
      polling.maxWaitMs ?? DEFAULT_MAX_WAIT_MS,
      // A FAILED job is retried by the app (useExportArchive's retry()), as a new query.
      0,
    );
  const step = nextExportStep(
    saved,
    status === "error" ? { error } : { state: data! },
    now,
    polling,
  );
  steps.set(query, { answers, ...step });
  return step.next;
}

/**
 * The `refetchInterval` of an archive-state query: the time until core's step plans the next
 * check while the job runs (at least the server's `Retry-After` after an error), `false` once
 * the job is terminal, an error cannot pass, or the maximum wait is over. `now` is the
 * client's clock.
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
  const next = archivePollStep(query, polling, now);
  if (next?.kind !== "check") return false;
  // TanStack treats 0 as "no interval", so the smallest wait is 1 ms.
  return Math.max(1, Date.parse(next.at) - now);
}
