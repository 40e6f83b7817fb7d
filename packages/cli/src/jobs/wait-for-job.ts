import {
  type ArchivePoller,
  type ArchiveState,
  type PollArchiveOptions,
  type PortabilityClient,
  pollArchive,
  resumeArchivePoller,
  type SerializedPoller,
} from "@dataportability/core";
import { WaitView } from "../output/wait-view.js";
import type { CliContext } from "../program/cli-context.js";

/**
 * Options of {@link waitForJob}.
 *
 * @example
 * ```ts
 * const options: WaitForJobOptions = { maxWaitMs: 86_400_000, onCheck: (p) => save(p) };
 * ```
 */
export interface WaitForJobOptions {
  /** Carry on from a saved poller instead of starting a new one. */
  resume?: SerializedPoller | undefined;
  maxWaitMs?: number | undefined;
  /** Retry a FAILED job (up to 3 times) instead of stopping. */
  retryFailed?: boolean | undefined;
  /** Schedule and clock for the server (emulators answer in moments). */
  pollOptions?: Pick<PollArchiveOptions, "schedule" | "clock" | "random"> | undefined;
  /** Called with the poller's state after each check and when the wait stops for any reason. */
  onCheck?: (serialized: SerializedPoller) => void | Promise<void>;
}

/**
 * Waits for a job to finish with a live status line (a line per state change off a terminal),
 * saving the poller's state after every check and when interrupted.
 *
 * @throws the poller's errors: `ArchiveFailedError`, `ArchiveCancelledError`,
 * `WaitTimeoutError`, or an `AbortError` when Ctrl-C stops it.
 * @example
 * ```ts
 * const state = await waitForJob(ctx, client, jobId, { onCheck: (s) => file.save({ ...state, poller: s }) });
 * ```
 */
export async function waitForJob(
  ctx: CliContext,
  client: PortabilityClient,
  jobId: string,
  options: WaitForJobOptions = {},
): Promise<ArchiveState> {
  const pollOptions: PollArchiveOptions = { ...options.pollOptions, signal: ctx.signal };
  const poller: ArchivePoller = options.resume
    ? resumeArchivePoller(client, options.resume, pollOptions)
    : pollArchive(client, jobId, {
        ...pollOptions,
        ...(options.maxWaitMs !== undefined ? { maxWaitMs: options.maxWaitMs } : {}),
        ...(options.retryFailed ? { retryFailed: true } : {}),
      });
  const view = new WaitView(ctx.out, poller.jobId);
  let saving = Promise.resolve();
  const save = () => {
    if (!options.onCheck) return;
    const snapshot = poller.serialize();
    saving = saving.then(() => options.onCheck?.(snapshot)).catch(() => undefined);
  };
  save();
  poller.onProgress((progress) => {
    if (progress.retriedFrom) {
      const retries = poller.serialize().jobIds.length - 1;
      ctx.out.note(
        `Job ${progress.retriedFrom} FAILED; retried it as new job ${ctx.out.ce.bold(progress.jobId)} (retry ${retries} of 3).`,
      );
    }
    view.update({
      jobId: progress.jobId,
      state: progress.state ?? "unknown",
      checks: progress.checks,
      nextCheckAt: progress.nextCheckAt?.getTime(),
    });
    save();
  });
  try {
    return await poller;
  } finally {
    view.stop();
    save();
    await saving;
  }
}
