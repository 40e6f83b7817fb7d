/**
 * Base class of every error this package throws on purpose, so one `instanceof` check
 * separates them from programming errors.
 *
 * @example
 * ```ts
 * try {
 *   await client.getArchiveState(jobId);
 * } catch (error) {
 *   if (error instanceof PortabilityError) console.error(error.name, error.message);
 * }
 * ```
 */
export class PortabilityError extends Error {
  /**
   * The class's name, written out as a literal in every subclass so that minified code,
   * which renames classes, still reports it. Recognise errors with `instanceof`, not by name.
   */
  override readonly name: string = "PortabilityError";
}
