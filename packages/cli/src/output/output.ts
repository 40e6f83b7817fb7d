import pc from "picocolors";
import type { CliStream } from "../program/cli-io.js";
import { Redactor } from "./redactor.js";

/**
 * Colour functions (no-ops when colour is off).
 *
 * @example
 * ```ts
 * const c: Colors = pc.createColors(false);
 * c.green("ok"); // "ok"
 * ```
 */
export type Colors = ReturnType<typeof pc.createColors>;

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escape sequences
const ANSI = /\x1b\[[0-9;?]*[A-Za-z]/g;

/**
 * The text without ANSI escape codes.
 *
 * @example
 * ```ts
 * stripAnsi("\u001b[32mok\u001b[39m"); // "ok"
 * ```
 */
export function stripAnsi(text: string): string {
  return text.replace(ANSI, "");
}

/**
 * Whether to colour a stream: never with `NO_COLOR` (any non-empty value), `--no-color` or
 * `TERM=dumb`; always with `FORCE_COLOR` (other than `0`); otherwise only on a terminal.
 *
 * @example
 * ```ts
 * wantsColor(process.stdout, process.env); // false when piped
 * ```
 */
export function wantsColor(
  stream: CliStream,
  env: Record<string, string | undefined>,
  flag?: boolean,
): boolean {
  if (flag === false || env["NO_COLOR"] || env["TERM"] === "dumb") return false;
  if (env["FORCE_COLOR"] !== undefined && env["FORCE_COLOR"] !== "0") return true;
  return stream.isTTY === true;
}

/**
 * Options of {@link Output}.
 *
 * @example
 * ```ts
 * const options: OutputOptions = { json: true, color: false };
 * ```
 */
export interface OutputOptions {
  /** Machine-readable mode: stdout carries exactly one JSON document. */
  json?: boolean;
  /** `false` for `--no-color`. */
  color?: boolean;
  env?: Record<string, string | undefined>;
  /** Shared with the rest of the command so secrets registered anywhere are masked here. */
  redactor?: Redactor;
}

/**
 * Everything the command prints goes through here: results to stdout, notes and progress to
 * stderr, colours only where wanted, live progress only on a terminal, and every secret masked.
 *
 * @example
 * ```ts
 * const out = new Output(process.stdout, process.stderr, { json: false, env: process.env });
 * out.note("Using the embedded emulator.");
 * out.result(`Saved to ${out.c.bold("./exports")}`);
 * ```
 */
export class Output {
  /** Colours for stdout. */
  readonly c: Colors;
  /** Colours for stderr. */
  readonly ce: Colors;
  /** Whether `--json` was given. */
  readonly json: boolean;
  /** Whether live progress (status lines, bars) is drawn: stderr is a terminal and not `--json`. */
  readonly live: boolean;
  readonly redactor: Redactor;
  #liveLines = 0;
  #liveText: string[] = [];

  constructor(
    readonly stdout: CliStream,
    readonly stderr: CliStream,
    options: OutputOptions = {},
  ) {
    const env = options.env ?? {};
    this.json = options.json === true;
    this.redactor = options.redactor ?? new Redactor();
    this.c = pc.createColors(wantsColor(stdout, env, options.color));
    this.ce = pc.createColors(wantsColor(stderr, env, options.color));
    this.live = stderr.isTTY === true && !this.json;
  }

  /** Width available for a line on stderr. */
  get columns(): number {
    return Math.max(40, this.stderr.columns || 80);
  }

  /** A human-readable result line on stdout (skipped with `--json`). */
  result(text = ""): void {
    if (!this.json) this.#write(this.stdout, `${text}\n`);
  }

  /** The JSON document for `--json` (skipped otherwise). */
  data(value: unknown): void {
    if (this.json) this.#write(this.stdout, `${JSON.stringify(value, null, 2)}\n`);
  }

  /** A note on stderr, shown in every mode (it never mixes with the JSON on stdout). */
  note(text: string): void {
    this.#aboveLive(`${text}\n`);
  }

  /** A warning on stderr. */
  warn(text: string): void {
    this.#aboveLive(`${this.ce.yellow("warning:")} ${text}\n`);
  }

  /** An error on stderr. */
  error(text: string): void {
    this.#aboveLive(`${this.ce.red(this.ce.bold("error:"))} ${text}\n`);
  }

  /** Replaces the live block on a terminal with these lines; does nothing elsewhere. */
  setLive(lines: readonly string[]): void {
    if (!this.live) return;
    this.#liveText = lines.map((line) => this.#fit(line));
    this.#write(this.stderr, this.#eraseLive() + this.#liveText.map((l) => `${l}\n`).join(""));
    this.#liveLines = this.#liveText.length;
  }

  /** Removes the live block from a terminal. */
  clearLive(): void {
    if (!this.live || this.#liveLines === 0) return;
    this.#write(this.stderr, this.#eraseLive());
    this.#liveLines = 0;
    this.#liveText = [];
  }

  #aboveLive(text: string): void {
    if (this.#liveLines === 0) {
      this.#write(this.stderr, text);
      return;
    }
    const redraw = this.#liveText.map((line) => `${line}\n`).join("");
    this.#write(this.stderr, this.#eraseLive() + text + redraw);
  }

  #eraseLive(): string {
    return this.#liveLines > 0 ? `\x1b[${this.#liveLines}F\x1b[0J` : "";
  }

  #fit(line: string): string {
    const plain = stripAnsi(line);
    const width = this.columns - 1;
    return plain.length <= width ? line : `${plain.slice(0, width - 1)}…`;
  }

  #write(stream: CliStream, text: string): void {
    stream.write(this.redactor.redact(text));
  }
}
