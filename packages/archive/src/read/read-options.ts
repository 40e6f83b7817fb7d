import type { Resource } from "@dataportability/spec";
import type { RecordProblem } from "../errors.js";

/**
 * Options of {@link readRecords}.
 *
 * @example
 * ```ts
 * const options: ReadRecordsOptions<"myactivity.youtube"> = {
 *   resources: ["myactivity.youtube"],
 *   onProblem: (problem) => console.warn(problem.file, problem.index, problem.message),
 * };
 * ```
 */
export interface ReadRecordsOptions<R extends Resource = Resource> {
  /** Only these resource groups' files (default: every catalogued group). */
  resources?: readonly R[];
  /**
   * What a record that cannot be used does: `"skip"` (default) reports it to `onProblem` and
   * goes on; `"throw"` stops with an {@link InvalidRecordError}.
   */
  invalid?: "skip" | "throw";
  /** Told of every record that was skipped, and why. */
  onProblem?: (problem: RecordProblem) => void;
  /** Yield media and HTML files as `kind: "file"` items (default true). */
  files?: boolean;
  /** Largest record (or CSV row, or single-object file) in characters. Default 64 Mi. */
  maxRecordLength?: number;
}
