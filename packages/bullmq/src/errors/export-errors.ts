import { PortabilityError } from "@dataportability/core";
import type { ExportStatus } from "../export-types.js";

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
  /** The class name, set literally so that minified code keeps it. */
  override readonly name = "TokenUnavailableError";
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
  /** The class name, set literally so that minified code keeps it. */
  override readonly name = "RetriesExhaustedError";
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
  /** The class name, set literally so that minified code keeps it. */
  override readonly name = "ExportFailedError";
  /** The class name of the original error. */
  readonly originalName: string;
  constructor(originalName: string, message: string) {
    super(message);
    this.originalName = originalName;
  }
}

/**
 * {@link ExportQueue.retryExport} was asked to re-run an export that has no job: it was never
 * added, or Redis no longer keeps it (`keepFailed`, default 30 days, or removed by hand).
 *
 * @example
 * ```ts
 * try {
 *   await queue.retryExport(exportId);
 * } catch (error) {
 *   if (error instanceof ExportNotFoundError) await queue.addExport(request);
 * }
 * ```
 */
export class ExportNotFoundError extends PortabilityError {
  /** The class name, set literally so that minified code keeps it. */
  override readonly name = "ExportNotFoundError";
  /** The export ID asked for. */
  readonly exportId: string;
  constructor(exportId: string) {
    super(`No export ${JSON.stringify(exportId)} in the queue: it was never added, or was removed`);
    this.exportId = exportId;
  }
}

/**
 * {@link ExportQueue.retryExport} was asked to re-run an export that is not dead: it is still
 * running (`waiting`, `delayed`, `active`, ...) or already `completed`. `status` names its state.
 *
 * @example
 * ```ts
 * try {
 *   await queue.retryExport(exportId);
 * } catch (error) {
 *   if (error instanceof ExportNotDeadError) console.log(`nothing to do: ${error.status}`);
 * }
 * ```
 */
export class ExportNotDeadError extends PortabilityError {
  /** The class name, set literally so that minified code keeps it. */
  override readonly name = "ExportNotDeadError";
  /** The export asked for. */
  readonly exportId: string;
  /** Where it is, as {@link ExportStatus} names it. */
  readonly status: Exclude<ExportStatus["status"], "dead">;
  constructor(exportId: string, status: Exclude<ExportStatus["status"], "dead">) {
    super(
      `Export ${JSON.stringify(exportId)} is ${status}, not dead: only a dead export can be retried`,
    );
    this.exportId = exportId;
    this.status = status;
  }
}
