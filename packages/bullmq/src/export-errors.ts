import { PortabilityError } from "@dataportability/core";

/**
 * The token callback gave no token for a user (it returned `undefined`, `null` or an empty
 * string). The export goes to the dead letters: the user must sign in again.
 *
 * @example
 * ```ts
 * events.on("dead", ({ error }) => {
 *   if (error instanceof TokenUnavailableError) askToReconnect(error.userId);
 * });
 * ```
 */
export class TokenUnavailableError extends PortabilityError {
  /** The user whose token was asked for. */
  readonly userId: string;
  constructor(userId: string) {
    super(`No access token for user ${JSON.stringify(userId)}: the token callback gave none`);
    this.userId = userId;
  }
}

/**
 * An export kept meeting transient failures (429, 5xx, network errors, token callback
 * errors) and gave up after `attempts` in a row. `lastError` names the last one.
 *
 * @example
 * ```ts
 * if (error instanceof RetriesExhaustedError) console.error(error.attempts, error.lastError.message);
 * ```
 */
export class RetriesExhaustedError extends PortabilityError {
  /** Transient failures in a row. */
  readonly attempts: number;
  /** The last failure, as stored in Redis. */
  readonly lastError: {
    /** Its class name. */
    name: string;
    /** Its message, without secrets. */
    message: string;
  };
  constructor(attempts: number, lastError: { name: string; message: string }) {
    super(`Gave up after ${attempts} transient failures in a row; last: ${lastError.message}`);
    this.attempts = attempts;
    this.lastError = { name: lastError.name, message: lastError.message };
  }
}

/**
 * A dead export whose error is of no type this package can rebuild (for example a bug in a
 * storage sink, or BullMQ giving up on a job that stalled too often). `originalName` is the
 * error's class name.
 *
 * @example
 * ```ts
 * if (error instanceof ExportFailedError) console.error(error.originalName, error.message);
 * ```
 */
export class ExportFailedError extends PortabilityError {
  /** The class name of the original error. */
  readonly originalName: string;
  constructor(originalName: string, message: string) {
    super(message);
    this.originalName = originalName;
  }
}
