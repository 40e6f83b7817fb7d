import type { TaskMeta } from "vitest";

/** What one scenario reports to the summary reporter. */
export interface ScenarioResult {
  kind: "fault" | "bad-input";
  bytesLost: number;
  bytesVerified: number;
  /** Requests that reached the emulator although the input was ours to reject. */
  requestsSent: number;
  /** A bad-input row that documents a known defect (run with `it.fails`). */
  knownGap?: boolean;
}

declare module "vitest" {
  interface TaskMeta {
    scenario?: ScenarioResult;
  }
}

/**
 * Records a scenario's result on the running test, for the summary line.
 *
 * @example
 * it("…", ({ task }) => record(task.meta, { kind: "fault", bytesLost: 0, bytesVerified: 1, requestsSent: 0 }));
 */
export function record(meta: TaskMeta, result: ScenarioResult): void {
  meta.scenario = result;
}
