import { ArchiveCancelledError, ArchiveFailedError, WaitTimeoutError } from "./archive-errors.js";
import type { ArchiveState, ArchiveStateName } from "./archive-types.js";
import type { Clock } from "./clock.js";
import type { PortabilityClient } from "./create-portability-client.js";
import { InvalidArgumentError } from "./invalid-argument-error.js";
import { defaultPollSchedule, type PollSchedule } from "./poll-schedule.js";
import type { Poller } from "./poller.js";
import { PortabilityApiError } from "./portability-api-error.js";
import { PortabilityError } from "./portability-error.js";
import { nonNegative, normalizeJobId } from "./validation.js";

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
export interface PollArchiveOptions {
  /** Stops polling; the poller then rejects with the signal's reason. */
  signal?: AbortSignal;
  /** Give up (with {@link WaitTimeoutError}) after this long, at least 0. Default 7 days. */
  maxWaitMs?: number;
  /** Retry a FAILED job: `true` for up to 3 times (the API's limit), or a count. Default `false`. */
  retryFailed?: boolean | number;
  /** Time source for waits and the deadline. Default: the client's `clock`. */
  clock?: Clock;
  /** Wait before each next check; default {@link defaultPollSchedule}. */
  schedule?: PollSchedule;
  /** Jitter source in [0, 1). Default `Math.random`. */
  random?: () => number;
  /** Called after each check with an {@link ArchiveProgress}. */
  onProgress?: (progress: ArchiveProgress) => void;
}

/**
 * A poller's state as plain JSON (no token, no URL), to resume in another process with
 * {@link resumeArchivePoller}.
 *
 * @example
 * ```ts
 * await store.put(jobId, JSON.stringify(poller.serialize()));
 * ```
 */
export interface SerializedPoller {
  /** Format version of this object; always 1. */
  version: 1;
  /** The job being watched (the latest one after retries). */
  jobId: string;
  /** Every job of this poll, the first one first. */
  jobIds: string[];
  /** How many more times a FAILED job may be retried (0 to 3). */
  retriesLeft: number;
  /** The last state seen; `undefined` before the first check or after a failed check. */
  lastState: ArchiveStateName | undefined;
  /** Checks made of the current job so far. */
  checks: number;
  /** When the poll started (ISO 8601). */
  startedAt: string;
  /** When the poll gives up with {@link WaitTimeoutError} (ISO 8601). */
  deadline: string;
  /** When the next check is due (ISO 8601). */
  nextCheckAt: string;
}

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
}

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Polls an archive job until it is COMPLETE. The first check is immediate; later ones follow
 * {@link defaultPollSchedule} with jitter. FAILED and CANCELLED end it with
 * {@link ArchiveFailedError} / {@link ArchiveCancelledError} (unless `retryFailed` allows a
 * retry), running out of `maxWaitMs` with {@link WaitTimeoutError}. Transient errors are
 * retried at the next check; the last one becomes the timeout's `cause`.
 *
 * @throws {InvalidArgumentError} for a bad job ID or `maxWaitMs`, before any request.
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
  const maxWaitMs = nonNegative(options.maxWaitMs, "maxWaitMs") ?? 7 * 86_400_000;
  const now = (options.clock ?? client.clock).now();
  const retries = options.retryFailed === true ? 3 : Number(options.retryFailed || 0);
  return resumeArchivePoller(
    client,
    {
      version: 1,
      jobId: id,
      jobIds: [id],
      retriesLeft: retries,
      startedAt: iso(now),
      deadline: iso(now + maxWaitMs),
      nextCheckAt: iso(now),
      // No checks and no state yet: resuming reads their absence as 0 and undefined.
    } as SerializedPoller,
    options,
  );
}

/**
 * Continues a poller serialized with `poller.serialize()`, possibly in another process or
 * with a fresh client. Its deadline, retries left and next check time carry over.
 *
 * @throws {InvalidArgumentError} when the state is not one `serialize()` produced.
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
  let saved: SerializedPoller | undefined;
  try {
    saved = typeof serialized === "string" ? JSON.parse(serialized) : serialized;
  } catch {}
  const [startedAt, deadline, nextCheckAt] = [
    saved?.startedAt,
    saved?.deadline,
    saved?.nextCheckAt,
  ].map((t) => Date.parse(t!)) as number[];
  if (
    saved?.version !== 1 ||
    !Array.isArray(saved.jobIds) ||
    Number.isNaN(startedAt! + deadline! + nextCheckAt!)
  ) {
    throw new InvalidArgumentError(
      "serialized",
      "not a serialized poller",
      "poller.serialize() output",
    );
  }
  const {
    clock = client.clock,
    signal: userSignal,
    schedule = defaultPollSchedule,
    random = Math.random,
  } = options;
  const s = {
    jobId: normalizeJobId(saved.jobId, "serialized.jobId"),
    jobIds: [...saved.jobIds],
    retriesLeft: Math.max(0, Math.min(3, Number(saved.retriesLeft) || 0)),
    lastState: saved.lastState,
  };
  let checks = Number(saved.checks) || 0;
  let nextCheck = nextCheckAt!;
  let lastError: unknown;
  const controller = new AbortController();
  const listeners = new Set<(progress: ArchiveProgress) => void>();
  const onAbort = () => controller.abort(userSignal?.reason);
  if (userSignal?.aborted) onAbort();
  userSignal?.addEventListener("abort", onAbort);
  if (options.onProgress) listeners.add(options.onProgress);

  // Waits on the injected clock, applies the schedule with ±25 % jitter and server-suggested
  // minimum waits, stops at the deadline, honours the signal.
  const run = async (): Promise<ArchiveState> => {
    try {
      for (;;) {
        const { signal } = controller;
        await clock.sleep(Math.max(0, nextCheck - clock.now()), signal);
        let current: ArchiveState | undefined;
        let waitMs = 0;
        try {
          current = await client.getArchiveState(s.jobId, { signal });
        } catch (error) {
          // Outages outlast the client's own retries; a later check may succeed.
          const transient =
            error instanceof PortabilityApiError
              ? error.isTransient
              : !(error instanceof PortabilityError);
          if (signal.aborted || !transient) throw error;
          lastError = error;
          waitMs = (error as { retryAfterMs?: number }).retryAfterMs ?? 0;
        }
        const state = current?.state;
        s.lastState = state;
        if (state === "CANCELLED") throw new ArchiveCancelledError(s.jobId);
        if (state === "FAILED") {
          if (s.retriesLeft <= 0) throw new ArchiveFailedError(s.jobId, s.jobIds);
          const { archiveJobId } = await client.retryArchive(s.jobId, { signal });
          s.retriesLeft--;
          s.jobIds.push(archiveJobId);
          s.jobId = archiveJobId;
          checks = 0;
        }
        checks++;
        const now = clock.now();
        const done = state === "COMPLETE";
        if (!done) {
          if (now >= deadline!) {
            throw new WaitTimeoutError(
              s.jobId,
              now - startedAt!,
              state,
              state ? undefined : lastError,
            );
          }
          const planned = schedule(checks, now - startedAt!) * (0.75 + random() / 2);
          nextCheck = Math.round(Math.min(deadline!, now + Math.max(planned, waitMs)));
        }
        const progress: ArchiveProgress = {
          jobId: s.jobId,
          state,
          checks,
          elapsedMs: now - startedAt!,
          nextCheckAt: done ? undefined : new Date(nextCheck),
          ...(state === "FAILED" && { retriedFrom: s.jobIds.at(-2) }),
        };
        for (const listener of listeners) listener(progress);
        if (done) return current!;
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
    stop: () => controller.abort(new DOMException("Polling stopped", "AbortError")),
    get jobId() {
      return s.jobId;
    },
    serialize: (): SerializedPoller => ({
      version: 1,
      ...s,
      jobIds: [...s.jobIds],
      checks,
      startedAt: iso(startedAt!),
      deadline: iso(deadline!),
      nextCheckAt: iso(nextCheck),
    }),
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
