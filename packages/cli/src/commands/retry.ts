import type { Command } from "commander";
import { recordingRetries, retryLedger } from "../jobs/retry-ledger.js";
import type { CliContext } from "../program/cli-context.js";
import { examples } from "../program/help-text.js";
import { parseJobId } from "../program/parse-input.js";
import { openSession } from "../session/session.js";

/**
 * Adds `retry <job>`: starts a FAILED job again as a new job.
 *
 * @example
 * ```ts
 * registerRetry(program, ctx); // dataportability retry 0123abcd
 * ```
 */
export function registerRetry(program: Command, ctx: CliContext): void {
  program
    .command("retry")
    .summary("start a FAILED job again as a new job")
    .description("Start a FAILED export job again; prints the new job's ID (3 retries per consent)")
    .argument("<job>", "the ID of the failed job")
    .option("--json", "print { ok, jobId, newJobId } as JSON")
    .addHelpText(
      "after",
      examples([
        ["dataportability retry 0123456789abcdef", "retry, then..."],
        ["dataportability wait <new job> && dataportability download <new job>", "...fetch it"],
      ]),
    )
    .action(async (job: string) => {
      const jobId = parseJobId(job);
      ctx.explainContext.jobId = jobId;
      const session = await openSession(ctx, { existingJob: true });
      const client = recordingRetries(session.client, await retryLedger(ctx, session));
      const { archiveJobId } = await client.retryArchive(jobId, { signal: ctx.signal });
      const { out } = ctx;
      out.data({ ok: true, jobId, newJobId: archiveJobId });
      out.result(`Job ${jobId} restarted as ${out.c.bold(archiveJobId)}.`);
      out.result(
        out.c.dim(
          `Follow it with: dataportability wait ${archiveJobId} (or \`dataportability export --resume\` in the export's folder)`,
        ),
      );
    });
}
