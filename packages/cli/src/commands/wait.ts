import type { Command } from "commander";
import { recordingRetries, retryLedger } from "../jobs/retry-ledger.js";
import { waitForJob } from "../jobs/wait-for-job.js";
import { printArchiveState } from "../output/print-archive-state.js";
import type { CliContext } from "../program/cli-context.js";
import { examples } from "../program/help-text.js";
import { parseDuration, parseJobId } from "../program/parse-input.js";
import { openSession } from "../session/session.js";

/**
 * Adds `wait <job>`: polls a job until it is COMPLETE (exit 0), FAILED or CANCELLED (exit 5),
 * with a live status line on a terminal.
 *
 * @example
 * ```ts
 * registerWait(program, ctx); // dataportability wait 0123abcd --timeout 12h
 * ```
 */
export function registerWait(program: Command, ctx: CliContext): void {
  program
    .command("wait")
    .summary("wait until a job is COMPLETE")
    .description("Wait until a job is COMPLETE, checking on Google's suggested schedule")
    .argument("<job>", "the job ID")
    .option("--timeout <duration>", "give up after this long (e.g. 30m, 12h, 7d)", "7d")
    .option("--retry-failed", "retry a FAILED job (up to 3 times) instead of stopping")
    .option("--json", "print the final state as JSON")
    .addHelpText(
      "after",
      `${examples([
        ["dataportability wait 0123456789abcdef", "until COMPLETE"],
        [
          "dataportability wait 0123456789abcdef --timeout 2h && dataportability download 0123456789abcdef",
          "then fetch",
        ],
      ])}\n\nExits 0 when COMPLETE, 5 when the job FAILED or was CANCELLED, 1 on timeout, 130 on Ctrl-C.`,
    )
    .action(async (job: string, options: { timeout: string; retryFailed?: boolean }) => {
      const jobId = parseJobId(job);
      const maxWaitMs = parseDuration("--timeout", options.timeout);
      ctx.explainContext.jobId = jobId;
      ctx.interruptHint = `The job keeps running; \`dataportability wait ${jobId}\` carries on.`;
      const session = await openSession(ctx, { existingJob: true });
      // A retry made here is followed by `export --resume` too.
      const client = recordingRetries(session.client, await retryLedger(ctx, session));
      const state = await waitForJob(ctx, client, jobId, {
        maxWaitMs,
        pollOptions: session.pollOptions,
        ...(options.retryFailed ? { retryFailed: true } : {}),
      });
      printArchiveState(ctx.out, state);
    });
}
