import {
  type ArchiveProgress,
  type ArchiveState,
  type Clock,
  type PollSchedule,
  type PortabilityClient,
  pollArchive,
  resumeArchivePoller,
  type SerializedPoller,
} from "@dataportability/core";

/**
 * How state checks are spaced and bounded. The defaults are core's: Google's advice of 5 to
 * 60 minutes between checks after a short ramp, a 7-day maximum wait, 3 retries of a FAILED
 * archive job.
 *
 * @example
 * ```ts
 * const poll: PollSettings = { maxWaitMs: 3 * 86_400_000, retryFailed: 3 };
 * ```
 */
export interface PollSettings {
  /** Wait before each next check. Default core's `defaultPollSchedule`. */
  schedule?: PollSchedule;
  /** Give up (dead letter with `WaitTimeoutError`) after this long. Default 7 days. */
  maxWaitMs?: number;
  /** Retries of a FAILED archive job, 0 to 3 (the API's limit per consent). Default 3. */
  retryFailed?: number;
  /** Jitter source in [0, 1). Default `Math.random`. */
  random?: () => number;
}

/**
 * The outcome of one state check: the COMPLETE state when done, and the poller's state to
 * save either way (its `nextCheckAt` says when to check again).
 *
 * @internal
 * @example
 * ```ts
 * const step: PollStep = await checkArchiveOnce(client, saved, {});
 * if (!step.done) scheduleAt(step.poller.nextCheckAt);
 * ```
 */
export interface PollStep {
  done: ArchiveState | undefined;
  poller: SerializedPoller;
  progress: ArchiveProgress | undefined;
}

const SUSPENDED = new Error("poll step suspended");

/**
 * The initial poller state of a new archive job: first check due now.
 *
 * @internal
 * @example
 * ```ts
 * const saved = startPoller(client, archiveJobId, { retryFailed: 3 });
 * ```
 */
export function startPoller(
  client: PortabilityClient,
  archiveJobId: string,
  settings: PollSettings,
  clock?: Clock,
): SerializedPoller {
  const base = clock ?? client.clock;
  const halted: Clock = {
    now: () => base.now(),
    sleep: async () => {
      throw SUSPENDED;
    },
  };
  const poller = pollArchive(client, archiveJobId, {
    clock: halted,
    retryFailed: settings.retryFailed ?? 3,
    ...(settings.maxWaitMs !== undefined ? { maxWaitMs: settings.maxWaitMs } : {}),
  });
  return poller.serialize();
}

/**
 * Runs exactly one state check of a serialized poller (retrying a FAILED job when retries
 * are left) and returns without waiting: core's poller runs on a clock whose second `sleep`
 * suspends it, so the schedule, jitter, deadline and `Retry-After` handling stay core's.
 *
 * @internal
 * @throws what the poller throws: `ArchiveFailedError`, `ArchiveCancelledError`,
 *   `WaitTimeoutError`, or a non-transient `PortabilityApiError`.
 * @example
 * ```ts
 * const { done, poller } = await checkArchiveOnce(client, data.poller, { schedule });
 * ```
 */
export async function checkArchiveOnce(
  client: PortabilityClient,
  serialized: SerializedPoller,
  settings: PollSettings,
  options: { clock?: Clock; signal?: AbortSignal } = {},
): Promise<PollStep> {
  const base = options.clock ?? client.clock;
  let sleeps = 0;
  const stepping: Clock = {
    now: () => base.now(),
    sleep: async (_ms, signal) => {
      signal?.throwIfAborted();
      // The delayed job already waited for the first check; the second wait is the next run's.
      if (sleeps++ > 0) throw SUSPENDED;
    },
  };
  let progress: ArchiveProgress | undefined;
  const poller = resumeArchivePoller(client, serialized, {
    clock: stepping,
    ...(settings.schedule ? { schedule: settings.schedule } : {}),
    ...(settings.random ? { random: settings.random } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
    onProgress: (p) => {
      progress = p;
    },
  });
  try {
    const done = await poller;
    return { done, poller: poller.serialize(), progress };
  } catch (error) {
    if (error !== SUSPENDED) throw error;
    return { done: undefined, poller: poller.serialize(), progress };
  }
}
