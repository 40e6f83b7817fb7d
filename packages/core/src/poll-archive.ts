import { ArchiveCancelledError, ArchiveFailedError, WaitTimeoutError } from "./archive-errors.js";
import type { ArchiveState, ArchiveStateName } from "./archive-types.js";
import type { Clock } from "./clock.js";
import type { PortabilityClient } from "./create-portability-client.js";
import { InvalidArgumentError } from "./invalid-argument-error.js";
import { defaultPollSchedule, type PollSchedule } from "./poll-schedule.js";
import { createPoller, type Poller, type PollerState } from "./poller.js";
import { PortabilityApiError } from "./portability-api-error.js";
import { PortabilityError } from "./portability-error.js";
import { normalizeJobId } from "./validation.js";

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
  /** Give up (with {@link WaitTimeoutError}) after this long. Default 7 days. */
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
 * retried at the next check.
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
  const now = (options.clock ?? client.clock).now();
  const retries = options.retryFailed === true ? 3 : Number(options.retryFailed || 0);
  return resumeArchivePoller(
    client,
    {
      version: 1,
      jobId: id,
      jobIds: [id],
      retriesLeft: retries,
      lastState: undefined,
      checks: 0,
      startedAt: iso(now),
      deadline: iso(now + (options.maxWaitMs ?? 7 * 86_400_000)),
      nextCheckAt: iso(now),
    },
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
  ].map((t) => Date.parse(t ?? "")) as number[];
  if (
    saved?.version !== 1 ||
    !Array.isArray(saved.jobIds) ||
    Number.isNaN(startedAt! + deadline! + nextCheckAt!)
  ) {
    throw new InvalidArgumentError(
      "serialized",
      "not a serialized poller",
      "what poller.serialize() returned",
    );
  }
  const clock = options.clock ?? client.clock;
  const s = {
    jobId: normalizeJobId(saved.jobId, "serialized.jobId"),
    jobIds: [...saved.jobIds],
    retriesLeft: Math.max(0, Math.min(3, Number(saved.retriesLeft) || 0)),
    lastState: saved.lastState,
  };
  const state: PollerState = {
    startedAt: startedAt!,
    deadline: deadline!,
    nextCheckAt: nextCheckAt!,
    checks: Number(saved.checks) || 0,
  };
  const poller = createPoller<ArchiveState, ArchiveProgress>({
    clock,
    signal: options.signal,
    schedule: options.schedule ?? defaultPollSchedule,
    random: options.random ?? Math.random,
    state,
    async check(signal) {
      let current: ArchiveState;
      try {
        current = await client.getArchiveState(s.jobId, { signal });
      } catch (error) {
        // Outages outlast the client's own retries; a later check may succeed.
        const transient =
          error instanceof PortabilityApiError
            ? error.isTransient
            : !(error instanceof PortabilityError);
        if (signal.aborted || !transient) throw error;
        s.lastState = undefined;
        return { waitMs: (error as { retryAfterMs?: number }).retryAfterMs };
      }
      s.lastState = current.state;
      if (current.state === "COMPLETE") return { result: current };
      if (current.state === "CANCELLED") throw new ArchiveCancelledError(s.jobId);
      if (current.state === "FAILED") {
        if (s.retriesLeft <= 0) throw new ArchiveFailedError(s.jobId, s.jobIds);
        const { archiveJobId } = await client.retryArchive(s.jobId, { signal });
        s.retriesLeft--;
        s.jobIds.push(archiveJobId);
        s.jobId = archiveJobId;
        state.checks = 0;
      }
      return {};
    },
    progress: (outcome) => ({
      jobId: s.jobId,
      state: s.lastState,
      checks: state.checks,
      elapsedMs: clock.now() - state.startedAt,
      nextCheckAt: "result" in outcome ? undefined : new Date(state.nextCheckAt),
      ...(s.lastState === "FAILED" && { retriedFrom: s.jobIds[s.jobIds.length - 2] }),
    }),
    timeout: () => new WaitTimeoutError(s.jobId, clock.now() - state.startedAt, s.lastState),
  });
  if (options.onProgress) poller.onProgress(options.onProgress);
  return {
    ...poller,
    get jobId() {
      return s.jobId;
    },
    serialize: (): SerializedPoller => ({
      version: 1,
      ...s,
      jobIds: [...s.jobIds],
      checks: state.checks,
      startedAt: iso(state.startedAt),
      deadline: iso(state.deadline),
      nextCheckAt: iso(state.nextCheckAt),
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
