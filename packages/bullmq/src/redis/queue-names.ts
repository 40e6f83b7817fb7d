import { InvalidArgumentError } from "@dataportability/core";

/**
 * The BullMQ queues of one export pipeline.
 *
 * - `exports`: one job per export, walking through initiate, state checks (as delayed runs of
 *   the same job), download and reset. Every Data Portability API call of the pipeline but the
 *   download's URL lookup runs here, so its rate limit is the Google project's.
 * - `downloads`: one job per COMPLETE archive job, a child of its export job.
 * - `dead`: the dead letters, one per export that cannot finish. Nothing consumes it; read it
 *   with `ExportQueue.deadLetters()` or attach your own BullMQ worker.
 *
 * @example
 * ```ts
 * queueNames("exports-prod"); // { exports: "exports-prod-exports", downloads: "exports-prod-downloads", ... }
 * ```
 */
export interface QueueNames {
  /** `<name>-exports`. */
  exports: string;
  /** `<name>-downloads`. */
  downloads: string;
  /** `<name>-dead`. */
  dead: string;
  /** Key prefix (below the BullMQ prefix) of the per-user reset bookkeeping. */
  consent: string;
}

/**
 * The default pipeline name.
 *
 * @example
 * ```ts
 * queueNames(DEFAULT_PIPELINE_NAME).exports; // "dataportability-exports"
 * ```
 */
export const DEFAULT_PIPELINE_NAME = "dataportability";

/**
 * Names the queues of the pipeline called `name`.
 *
 * @throws {InvalidArgumentError} for a name BullMQ cannot use.
 * @example
 * ```ts
 * const { exports, downloads, dead } = queueNames();
 * ```
 */
export function queueNames(name: string = DEFAULT_PIPELINE_NAME): QueueNames {
  if (typeof name !== "string" || !/^[A-Za-z0-9_.-]{1,80}$/.test(name)) {
    throw new InvalidArgumentError(
      "name",
      `${JSON.stringify(name)} cannot name BullMQ queues`,
      "1 to 80 letters, digits, '_', '.' or '-' (no ':')",
    );
  }
  return {
    exports: `${name}-exports`,
    downloads: `${name}-downloads`,
    dead: `${name}-dead`,
    consent: `${name}-consent`,
  };
}
