/**
 * A stream the command writes to: `process.stdout`, `process.stderr`, or anything with `write`.
 * `isTTY` turns on live progress and colours; `columns` sets the width of progress bars.
 *
 * @example
 * ```ts
 * let text = "";
 * const stream: CliStream = { write: (chunk) => void (text += chunk) };
 * ```
 */
export interface CliStream {
  /** Writes a chunk of text; the return value is ignored. */
  write(chunk: string): unknown;
  /** True for a terminal: enables live progress and colours. */
  isTTY?: boolean | undefined;
  /** Terminal width in characters, for progress bars. */
  columns?: number | undefined;
}

/**
 * Where {@link run} reads and writes: the process's streams and environment by default, or
 * test doubles.
 *
 * @example
 * ```ts
 * const io: CliIo = {
 *   stdout: process.stdout,
 *   stderr: process.stderr,
 *   env: process.env,
 *   signal: AbortSignal.timeout(60_000),
 * };
 * ```
 */
export interface CliIo {
  /** Results (and the JSON document with `--json`). */
  stdout: CliStream;
  /** Notes, progress and errors. */
  stderr: CliStream;
  /**
   * Where input would come from; only `isTTY` is read. Defaults to `process.stdin`. Without
   * credentials, a command runs against the embedded emulator only when stdin and stdout are
   * terminals (a person is there to read that it does).
   */
  stdin?:
    | {
        /** True for a terminal. */
        isTTY?: boolean | undefined;
      }
    | undefined;
  /** Environment variables; defaults to `process.env`. */
  env?: Record<string, string | undefined> | undefined;
  /** Aborting it stops the command cleanly, as Ctrl-C does (exit code 130). */
  signal?: AbortSignal | undefined;
  /** The directory relative paths are resolved against; defaults to `process.cwd()`. */
  cwd?: string | undefined;
}
