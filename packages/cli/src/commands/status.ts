import type { Command } from "commander";
import { printArchiveState } from "../output/print-archive-state.js";
import type { CliContext } from "../program/cli-context.js";
import { examples } from "../program/help-text.js";
import { parseJobId } from "../program/parse-input.js";
import { openSession } from "../session/session.js";

/**
 * Adds `status <job>`: one check of a job's state, with its download links' expiry when
 * COMPLETE.
 *
 * @example
 * ```ts
 * registerStatus(program, ctx); // dataportability status 0123abcd --json
 * ```
 */
export function registerStatus(program: Command, ctx: CliContext): void {
  program
    .command("status")
    .summary("check a job's state once")
    .description(
      "Check an export job once: IN_PROGRESS, COMPLETE (with its archives), FAILED or CANCELLED",
    )
    .argument("<job>", "the job ID printed by `export` (or an archiveJobs/<id> name)")
    .option("--json", "print the state as JSON (URLs without their signature)")
    .addHelpText(
      "after",
      examples([
        ["dataportability status 0123456789abcdef", "show the job's state"],
        ["dataportability status 0123456789abcdef --json | jq -r .state", "state only"],
      ]),
    )
    .action(async (job: string) => {
      const jobId = parseJobId(job);
      ctx.explainContext.jobId = jobId;
      const session = await openSession(ctx, { existingJob: true });
      const state = await session.client.getArchiveState(jobId, { signal: ctx.signal });
      printArchiveState(ctx.out, state);
    });
}
