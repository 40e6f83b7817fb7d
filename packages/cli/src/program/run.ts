import { CommanderError } from "commander";
import { EXIT_CODES } from "../errors/exit-codes.js";
import { explainError } from "../errors/explain-error.js";
import { CliContext } from "./cli-context.js";
import type { CliIo } from "./cli-io.js";
import { createProgram } from "./program.js";

/**
 * Runs the `dataportability` command with these arguments (without `node` and the script) and
 * resolves to the exit code; it never calls `process.exit`. Results go to `io.stdout`, notes,
 * progress and errors to `io.stderr`; aborting `io.signal` stops the command cleanly (exit
 * code 130).
 *
 * @example
 * ```ts
 * import { run } from "@dataportability/cli";
 *
 * const code = await run(["resources", "--json"], {
 *   stdout: process.stdout,
 *   stderr: process.stderr,
 *   env: process.env,
 * });
 * process.exitCode = code;
 * ```
 */
export async function run(argv: readonly string[], io: CliIo): Promise<number> {
  const ctx = new CliContext(io);
  // The emulator's scenarios appear in its help; load msw only when that command is named.
  const scenarios = argv.includes("emulator")
    ? (await import("@dataportability/msw")).SCENARIOS
    : undefined;
  const program = createProgram(ctx, { scenarios });
  try {
    if (argv.length === 0) {
      ctx.out.result(program.helpInformation().trimEnd());
      return EXIT_CODES.ok;
    }
    await program.parseAsync([...argv], { from: "user" });
    return ctx.exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      // Commander has printed help, the version, or what was wrong with the command line.
      return error.exitCode === 0 ? EXIT_CODES.ok : EXIT_CODES.usage;
    }
    return reportError(ctx, error);
  } finally {
    ctx.out.clearLive();
    await ctx.close();
  }
}

function reportError(ctx: CliContext, error: unknown): number {
  const explanation = explainError(error, {
    ...ctx.explainContext,
    interrupted: ctx.signal.aborted,
    interruptHint: ctx.interruptHint,
    debug: Boolean(ctx.env["DATAPORTABILITY_DEBUG"]),
  });
  const out = ctx.out;
  out.clearLive();
  out.error(explanation.message);
  if (explanation.hint) out.note(`${out.ce.dim("→")} ${explanation.hint}`);
  if (ctx.env["DATAPORTABILITY_DEBUG"] && error instanceof Error && error.stack) {
    out.note(out.ce.dim(error.stack));
  }
  // The job the command was about, when the error itself does not name one.
  out.data({ ok: false, error: { jobId: ctx.explainContext.jobId, ...explanation } });
  return explanation.exitCode;
}
