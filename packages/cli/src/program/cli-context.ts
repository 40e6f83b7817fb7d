import path from "node:path";
import type { ExplainContext } from "../errors/explain-error.js";
import { Output } from "../output/output.js";
import { Redactor } from "../output/redactor.js";
import type { CliIo } from "./cli-io.js";

/**
 * Global options shared by every command.
 *
 * @example
 * ```ts
 * const globals: GlobalOptions = { profile: "work", emulator: false, color: true };
 * ```
 */
export interface GlobalOptions {
  /** The stored-login profile (`--profile`, `DATAPORTABILITY_PROFILE`), default `default`. */
  profile: string;
  /** Whether `--profile` (or `DATAPORTABILITY_PROFILE`) named the profile. */
  profileNamed?: boolean | undefined;
  /** `--emulator`: use the embedded emulator even when credentials are configured. */
  emulator: boolean;
  /** `false` with `--no-color`. */
  color: boolean;
}

/**
 * What a command runs with: its streams ({@link Output}), environment, working directory, the
 * abort signal of Ctrl-C, the global options, and cleanups to run when the command ends.
 *
 * @example
 * ```ts
 * const ctx = new CliContext({ stdout: process.stdout, stderr: process.stderr });
 * ctx.onClose(() => server.close());
 * await ctx.close();
 * ```
 */
export class CliContext {
  readonly env: Record<string, string | undefined>;
  readonly cwd: string;
  readonly signal: AbortSignal;
  /** Masks every secret the command holds in everything it prints. */
  readonly redactor = new Redactor();
  out: Output;
  globals: GlobalOptions;
  /** Shown after an interruption, e.g. how to resume. */
  interruptHint: string | undefined;
  /** Facts for error messages (who answered, which job), filled in as the command runs. */
  explainContext: ExplainContext = {};
  /** The exit code when the command ends without throwing. */
  exitCode = 0;
  readonly #cleanups: (() => Promise<void> | void)[] = [];

  constructor(readonly io: CliIo) {
    this.env = io.env ?? process.env;
    this.cwd = io.cwd ?? process.cwd();
    this.signal = io.signal ?? new AbortController().signal;
    this.globals = {
      profile: this.env["DATAPORTABILITY_PROFILE"] || "default",
      profileNamed: Boolean(this.env["DATAPORTABILITY_PROFILE"]),
      emulator: false,
      color: true,
    };
    this.out = new Output(io.stdout, io.stderr, { env: this.env, redactor: this.redactor });
  }

  /** Applies the parsed global options and the command's `--json`. */
  configure(globals: Partial<GlobalOptions>, json: boolean): void {
    this.globals = { ...this.globals, ...globals };
    this.out = new Output(this.io.stdout, this.io.stderr, {
      env: this.env,
      json,
      color: this.globals.color,
      redactor: this.redactor,
    });
  }

  /** A person is at the terminal: stdin and stdout are both terminals. */
  get interactive(): boolean {
    return (this.io.stdin ?? process.stdin).isTTY === true && this.io.stdout.isTTY === true;
  }

  /** A path from the command line, resolved against the working directory. */
  resolvePath(value: string): string {
    return path.resolve(this.cwd, value);
  }

  /** Registers a cleanup, run in reverse order by {@link close}. */
  onClose(cleanup: () => Promise<void> | void): void {
    this.#cleanups.push(cleanup);
  }

  /** Runs every cleanup (servers, temp files), even when some fail. */
  async close(): Promise<void> {
    while (this.#cleanups.length > 0) {
      const cleanup = this.#cleanups.pop()!;
      try {
        await cleanup();
      } catch {
        // A failing cleanup must not hide the command's own outcome.
      }
    }
  }
}
