import type { ArchiveState, ArchiveStateName } from "../client/archive-types.js";
import type { Clock } from "../client/clock.js";
import type { PortabilityClient } from "../client/create-portability-client.js";
import { nonNegative, normalizeJobId } from "../validation/validation.js";
import { runExportRound } from "./check-archive.js";
import type { ExportStepOptions } from "./next-export-step.js";
import type { Poller } from "./poller.js";
import {
  DEFAULT_MAX_WAIT_MS,
  newSavedExport,
  parseSavedExport,
  retriesFor,
  type SavedExport,
} from "./saved-export.js";

/**
 * What a poller reports after each check.
 *
 * @example
 * ```ts
 * poller.onProgress(({ jobId, state, nextCheckAt }: ArchiveProgress) =>
 *   console.log(jobId, state, "next check", nextCheckAt?.toISOString()),
 * );
 * ```
 */
export interface ArchiveProgress {
  /** The job being watched (a new ID after a retry of a FAILED job). */
  jobId: string;
  /** The last state seen; `undefined` when the check itself failed transiently. */
  state: ArchiveStateName | undefined;
  /** Checks made of the current job so far (the count restarts when a FAILED job is retried). */
  checks: number;
  /** Milliseconds since the poll started (on the poller's clock; kept across a resume). */
  elapsedMs: number;
  /** When the next check is due; absent once the job is COMPLETE. */
  nextCheckAt: Date | undefined;
  /** Set on the check that retried a FAILED job: the failed job's ID. */
  retriedFrom?: string;
}

/**
 * How to poll. Time comes from `clock` (default: the client's).
 *
 * @example
 * ```ts
 * const options: PollArchiveOptions = {
 *   maxWaitMs: 24 * 3_600_000,
 *   retryFailed: 2,
 *   onProgress: (p) => console.log(p.state),
 * };
 * ```
 */
export interface PollArchiveOptions extends ExportStepOptions {
  /** Stops polling; the poller then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Give up (with {@link WaitTimeoutError}) after this long, at least 0. Default 7 days. */
  maxWaitMs?: number;
  /** Retry a FAILED job: `true` for up to 3 times (the API's limit), or a count. Default `false`. */
  retryFailed?: boolean | number;
  /** Time source for waits and the deadline. Default: the client's `clock`. */
  clock?: Clock;
  /** Called after each check with an {@link ArchiveProgress}. */
  onProgress?: (progress: ArchiveProgress) => void;
}

/**
 * A poller's state as plain JSON (no token, no URL), to resume in another process with
 * {@link resumeArchivePoller}: a {@link SavedExport}, which `checkArchive` reads as well.
 *
 * @example
 * ```ts
 * await store.put(jobId, JSON.stringify(poller.serialize()));
 * ```
 */
export type SerializedPoller = SavedExport;

/**
 * A poller of one archive job.
 *
 * @example
 * ```ts
 * const poller: ArchivePoller = pollArchive(client, jobId);
 * ```
 */
export interface ArchivePoller extends Poller<ArchiveState, ArchiveProgress> {
  /** The job being watched now. */
  readonly jobId: string;
  /**
   * Returns the poller's state as plain JSON, for {@link resumeArchivePoller}.
   *
   * @example
   * ```ts
   * const saved = JSON.stringify(poller.serialize());
   * ```
   */
  serialize(): SerializedPoller;
  /**
   * Checks the job now, without waiting for the next scheduled check, and resolves with that
   * check's progress (the schedule goes on from it, never bunching checks). Once the poll has
   * ended it resolves with the last progress, or rejects as the poller did.
   *
   * @example
   * ```ts
   * refreshButton.onclick = async () => show(await poller.poll());
   * ```
   */
  poll(): Promise<ArchiveProgress>;
}

/**
 * Polls an archive job until it is COMPLETE. The first check is immediate; later ones follow
 * {@link defaultPollSchedule} with jitter. FAILED and CANCELLED end it with
 * {@link ArchiveFailedError} / {@link ArchiveCancelledError} (unless `retryFailed` allows a
 * retry), running out of `maxWaitMs` with {@link WaitTimeoutError}. Transient errors are
 * retried at the next check; the last one becomes the timeout's `cause`. Each check is one
 * round of `checkArchive`, so the rules are those of {@link nextExportStep}.
 *
 * @throws {InvalidArgumentError} for a bad job ID, `maxWaitMs` or `retryFailed`, before any
 * request.
 *
 * @example
 * ```ts
 * const poller = pollArchive(client, jobId, { retryFailed: true, onProgress: console.log });
 * process.once("SIGTERM", () => {
 *   poller.stop();
 *   saveState(JSON.stringify(poller.serialize()));
 * });
 * const { urls } = await poller;
 * ```
 */
export function pollArchive(
  client: PortabilityClient,
  jobId: string,
  options: PollArchiveOptions = {},
): ArchivePoller {
  const id = normalizeJobId(jobId);
  const maxWaitMs = nonNegative(options.maxWaitMs, "maxWaitMs") ?? DEFAULT_MAX_WAIT_MS;
  const retries = retriesFor(options.retryFailed);
  const now = (options.clock ?? client.clock).now();
  return resumeArchivePoller(client, newSavedExport(id, now, maxWaitMs, retries), options);
}

/**
 * Continues a poller serialized with `poller.serialize()` (or any saved export, such as one
 * from `startExport` or `checkArchive`), possibly in another process or with a fresh client.
 * Its deadline, retries left and next check time carry over.
 *
 * @throws {InvalidArgumentError} naming the field when the state is not one `serialize()`
 * produced.
 * @example
 * ```ts
 * const poller = resumeArchivePoller(client, JSON.parse(await loadState()));
 * const state = await poller;
 * ```
 */
export function resumeArchivePoller(
  client: PortabilityClient,
  serialized: SerializedPoller | string,
  options: Omit<PollArchiveOptions, "maxWaitMs" | "retryFailed"> = {},
): ArchivePoller {
  let saved = parseSavedExport(serialized, "serialized");
  const { clock = client.clock, signal: userSignal, onProgress, ...step } = options;
  const now = () => clock.now();
  const stopper = new AbortController();
  const { signal } = stopper;
  const onAbort = () => stopper.abort(userSignal?.reason);
  if (userSignal?.aborted) onAbort();
  userSignal?.addEventListener("abort", onAbort);
  const listeners = new Set<(progress: ArchiveProgress) => void>();
  if (onProgress) listeners.add(onProgress);
  // Callers of poll() waiting for the next round, and the means to cut the current wait short.
  const waiting: ((round: Promise<ArchiveProgress>) => void)[] = [];
  let wake = () => {};
  let last: ArchiveProgress | undefined;

  const nap = async (ms: number) => {
    const napping = new AbortController();
    const end = () => napping.abort(signal.reason);
    signal.addEventListener("abort", end);
    wake = () => napping.abort();
    try {
      await clock.sleep(ms, napping.signal);
    } catch (error) {
      if (signal.aborted) throw error;
      // Woken by poll(): check now.
    } finally {
      signal.removeEventListener("abort", end);
      wake = () => {};
    }
  };

  // The loop checks after each wait it was told to make: it trusts its clock's sleep.
  const round = async (): Promise<ArchiveState | undefined> => {
    const result = await runExportRound(client, saved, now, signal, step);
    saved = result.saved;
    const elapsedMs = now() - Date.parse(saved.startedAt);
    last = {
      jobId: saved.jobId,
      state: result.state?.state,
      checks: saved.checks,
      elapsedMs,
      nextCheckAt: result.done ? undefined : new Date(saved.nextCheckAt),
      ...(result.retriedFrom && { retriedFrom: result.retriedFrom }),
    };
    for (const listener of listeners) listener(last);
    return result.done ? result.state : undefined;
  };

  const run = async (): Promise<ArchiveState> => {
    try {
      for (;;) {
        signal.throwIfAborted();
        const forced = waiting.splice(0);
        if (!forced.length) await nap(Math.max(0, Date.parse(saved.nextCheckAt) - now()));
        const checked = round();
        for (const resolve of [...forced, ...waiting.splice(0)]) {
          resolve(checked.then(() => last!));
        }
        const done = await checked;
        if (done) return done;
      }
    } finally {
      userSignal?.removeEventListener("abort", onAbort);
    }
  };
  const promise = run();
  promise.catch(() => {});
  return {
    // biome-ignore lint/suspicious/noThenProperty: a poller is awaitable by design.
    then: promise.then.bind(promise),
    onProgress(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    stop: () => stopper.abort(new DOMException("Polling stopped", "AbortError")),
    poll: () =>
      new Promise<ArchiveProgress>((resolve, reject) => {
        promise.then(() => resolve(last!), reject);
        waiting.push((checked) => checked.then(resolve, reject));
        wake();
      }),
    get jobId() {
      return saved.jobId;
    },
    serialize: () => ({ ...saved, jobIds: [...saved.jobIds] }),
  };
}

/**
 * Waits until an archive job is COMPLETE and returns its final state (with `urls`).
 *
 * @example
 * ```ts
 * const { urls } = await waitForArchive(client, jobId, { maxWaitMs: 86_400_000 });
 * ```
 */
export async function waitForArchive(
  client: PortabilityClient,
  jobId: string,
  options?: PollArchiveOptions,
): Promise<ArchiveState> {
  return pollArchive(client, jobId, options);
}
