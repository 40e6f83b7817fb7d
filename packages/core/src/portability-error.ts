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
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}
