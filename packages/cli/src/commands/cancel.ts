import type { Command } from "commander";
import type { CliContext } from "../program/cli-context.js";
import { examples } from "../program/help-text.js";
import { parseJobId } from "../program/parse-input.js";
import { openSession } from "../session/session.js";

/**
 * Adds `cancel <job>`: stops a job that is IN_PROGRESS.
 *
 * @example
 * ```ts
 * registerCancel(program, ctx); // dataportability cancel 0123abcd
 * ```
 */
export function registerCancel(program: Command, ctx: CliContext): void {
  program
    .command("cancel")
    .summary("cancel a job that is IN_PROGRESS")
    .description("Cancel an export job that is still IN_PROGRESS")
    .argument("<job>", "the job ID")
    .option("--json", "print { ok, jobId, state } as JSON")
    .addHelpText("after", examples([["dataportability cancel 0123456789abcdef", "stop the job"]]))
    .action(async (job: string) => {
      const jobId = parseJobId(job);
      ctx.explainContext.jobId = jobId;
      const session = await openSession(ctx, { existingJob: true });
      await session.client.cancelArchive(jobId, { signal: ctx.signal });
      ctx.out.data({ ok: true, jobId, state: "CANCELLED" });
      ctx.out.result(`Cancelled job ${ctx.out.c.bold(jobId)}.`);
    });
}
