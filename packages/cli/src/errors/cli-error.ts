import type { ExitCode } from "./exit-codes.js";
import { EXIT_CODES } from "./exit-codes.js";

/**
 * An error the command reports as is: a message saying what happened, a hint saying what to do,
 * and the exit code to leave with.
 *
 * @example
 * ```ts
 * throw new CliError("No job ID given.", {
 *   exitCode: EXIT_CODES.usage,
 *   hint: "Pass the ID printed by `dataportability export`.",
 * });
 * ```
 */
export class CliError extends Error {
  /** The class name, set literally so that minified code keeps it. */
  override readonly name = "CliError";
  /** The process exit code this error maps to. */
  readonly exitCode: ExitCode;
  /** What the user can do about it. */
  readonly hint: string | undefined;
  /** A stable machine-readable name for `--json` output, e.g. `usage`. */
  readonly code: string;

  constructor(
    message: string,
    options: { exitCode?: ExitCode; hint?: string; code?: string; cause?: unknown } = {},
  ) {
    super(message, { cause: options.cause });
    this.exitCode = options.exitCode ?? EXIT_CODES.unexpected;
    this.hint = options.hint;
    this.code = options.code ?? codeName(this.exitCode);
  }
}

function codeName(exitCode: ExitCode): string {
  const entry = Object.entries(EXIT_CODES).find(([, value]) => value === exitCode);
  return entry?.[0] ?? "unexpected";
}

/**
 * Invalid command-line input (exit code 2).
 *
 * @example
 * ```ts
 * throw usageError("--since must be a date such as 2026-01-31", "Use ISO 8601.");
 * ```
 */
export function usageError(message: string, hint?: string): CliError {
  return new CliError(message, { exitCode: EXIT_CODES.usage, ...(hint ? { hint } : {}) });
}

/**
 * The run was interrupted (Ctrl-C, exit code 130).
 *
 * @example
 * ```ts
 * if (signal.aborted) throw interruptedError("State saved; run `export --resume`.");
 * ```
 */
export function interruptedError(hint?: string): CliError {
  return new CliError("Interrupted.", {
    exitCode: EXIT_CODES.interrupted,
    code: "interrupted",
    ...(hint ? { hint } : {}),
  });
}
