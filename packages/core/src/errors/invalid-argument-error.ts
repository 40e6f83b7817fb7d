import { PortabilityError } from "./portability-error.js";

/**
 * @internal A value for an error message (strings in JSON quotes), cut to 100 characters and
 * an ellipsis, so that a huge input does not make a huge message.
 * @example
 * ```ts
 * quote("x".repeat(1e6)); // '"xxx…xxx…' (the first 100 characters, then "…")
 * ```
 */
export function quote(value: unknown): string {
  const text = typeof value === "string" ? JSON.stringify(value) : String(value);
  return text.length > 100 ? `${text.slice(0, 100)}…` : text;
}

/**
 * Thrown before any request when an argument is unusable: it names the field, what was
 * wrong, and what is allowed.
 *
 * @example
 * ```ts
 * try {
 *   await client.initiateArchive({ resources: ["myactivity.youtub"] });
 * } catch (error) {
 *   if (error instanceof InvalidArgumentError) {
 *     error.field;      // "resources[0]"
 *     error.suggestion; // "myactivity.youtube"
 *   }
 * }
 * ```
 */
export class InvalidArgumentError extends PortabilityError {
  override readonly name = "InvalidArgumentError";
  /** The argument at fault, e.g. `resources[2]`, `jobId`, `startTime`. */
  readonly field: string;
  /** What the field accepts. */
  readonly allowed: string;
  /** The closest valid value, when one is near enough ("did you mean"). */
  readonly suggestion: string | undefined;

  constructor(field: string, problem: string, allowed: string, suggestion?: string) {
    super(
      `${field}: ${problem}${suggestion ? `; did you mean "${suggestion}"?` : ""} Allowed: ${allowed}.`,
    );
    this.field = field;
    this.allowed = allowed;
    this.suggestion = suggestion;
  }
}
