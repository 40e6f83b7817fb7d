import { ArchiveNotReadyError } from "@dataportability/core";
import type { Command } from "commander";
import { archiveJson, fetchArchives, printArchives } from "../archives/fetch-archives.js";
import { prepareOutputFolder } from "../archives/output-folder.js";
import { formatBytes } from "../output/format.js";
import type { CliContext } from "../program/cli-context.js";
import { examples } from "../program/help-text.js";
import { parseJobId, parseSlices } from "../program/parse-input.js";
import { openSession } from "../session/session.js";

/**
 * Adds `download <job>`: fetches a COMPLETE job's archives with fresh links, resuming partial
 * files, verifying each one, and lists what they hold.
 *
 * @example
 * ```ts
 * registerDownload(program, ctx); // dataportability download 0123abcd --out ./exports
 * ```
 */
export function registerDownload(program: Command, ctx: CliContext): void {
  program
    .command("download")
    .summary("download and verify a COMPLETE job's archives")
    .description("Download and verify a COMPLETE job's archives (resumes partial files)")
    .argument("<job>", "the job ID")
    .option("-o, --out <dir>", "folder for the archives", "exports")
    .option("--extract", "also unzip each archive into a folder next to it")
    .option("--slices <n>", "ranged requests at once per archive of 64 MiB or more (1: one stream)")
    .option("--json", "print the downloaded files as JSON")
    .addHelpText(
      "after",
      `${examples([
        ["dataportability download 0123456789abcdef", "into ./exports"],
        ["dataportability download 0123456789abcdef -o ./mine --extract", "and unzip"],
      ])}\n\nLinks are fetched fresh (they last 6 hours; the data is kept 14 days). Run it again after a\nfailure: finished files are checked and kept, partial ones resume. Exit code 6 when a file\nfails verification (it is deleted so the next run fetches it again).`,
    )
    .action(async (job: string, options: { out: string; extract?: boolean; slices?: string }) => {
      const jobId = parseJobId(job);
      const slices = options.slices === undefined ? undefined : parseSlices(options.slices);
      ctx.explainContext.jobId = jobId;
      ctx.interruptHint = `Partial files are kept; \`dataportability download ${jobId} --out ${options.out}\` resumes them.`;
      const folder = ctx.resolvePath(options.out);
      const session = await openSession(ctx, { existingJob: true });
      await prepareOutputFolder(folder);
      const state = await session.client.getArchiveState(jobId, { signal: ctx.signal });
      if (state.state !== "COMPLETE") {
        throw new ArchiveNotReadyError(jobId, state.state);
      }
      const archives = await fetchArchives(ctx, session.client, state, {
        folder,
        extract: options.extract === true,
        slices,
      });
      const { out } = ctx;
      const bytes = archives.reduce((sum, a) => sum + a.bytes, 0);
      out.data({
        ok: true,
        jobId,
        folder,
        bytes,
        archives: archives.map(archiveJson),
      });
      out.result(
        `${out.c.green("✓")} ${archives.length} archive${archives.length === 1 ? "" : "s"} of job ${jobId} (${formatBytes(bytes)}) in ${folder}`,
      );
      printArchives(ctx, archives);
    });
}
