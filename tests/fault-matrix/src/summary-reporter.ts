import type { Reporter, TestModule } from "vitest/node";
import type { ScenarioResult } from "./scenario-meta.js";

/**
 * Prints, after the run, how many fault scenarios and bad-input cases ran and what was lost:
 * `fault matrix: N scenarios, 0 bytes lost`.
 *
 * @example
 * // vitest.config.ts
 * test: { reporters: ["default", new SummaryReporter()] }
 */
export class SummaryReporter implements Reporter {
  onTestRunEnd(testModules: ReadonlyArray<TestModule>): void {
    const results: { result: ScenarioResult; passed: boolean }[] = [];
    for (const module of testModules) {
      for (const test of module.children.allTests()) {
        const result = test.meta().scenario;
        if (result) results.push({ result, passed: test.result().state === "passed" });
      }
    }
    const faults = results.filter((r) => r.result.kind === "fault");
    const inputs = results.filter((r) => r.result.kind === "bad-input");
    const sum = (list: typeof results, key: "bytesLost" | "bytesVerified" | "requestsSent") =>
      list.reduce((total, r) => total + r.result[key], 0);
    const failed = results.filter((r) => !r.passed).length;
    const gaps = inputs.filter((r) => r.result.knownGap);
    const held = inputs.filter((r) => !r.result.knownGap);
    const lines = [
      `fault matrix: ${faults.length} scenarios, ${sum(faults, "bytesLost")} bytes lost`,
      `  ${sum(faults, "bytesVerified")} archive bytes verified by sha256`,
      `  bad input: ${held.length} cases held with ${sum(held, "requestsSent")} requests sent; ${gaps.length} known gaps (${sum(gaps, "requestsSent")} requests sent by them)${failed > 0 ? `; ${failed} failed` : ""}`,
    ];
    process.stdout.write(`\n${lines.join("\n")}\n`);
  }
}
