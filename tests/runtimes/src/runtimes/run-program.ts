import { execFile } from "node:child_process";
import type { FlowReport } from "../flow-report.js";

/** Output of a program that exited 0. */
export function runProgram(file: string, args: readonly string[], cwd?: string): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(file, args, { cwd, timeout: 60_000, encoding: "utf8" }, (error, stdout, stderr) => {
      if (error) reject(new Error(`${file} ${args.join(" ")} failed: ${error.message}\n${stderr}`));
      else resolve(stdout);
    });
  });
}

/** Runs an entry that prints a {@link FlowReport} as its last line of output. */
export async function runFlowProgram(
  file: string,
  args: readonly string[],
  cwd?: string,
): Promise<FlowReport> {
  const stdout = await runProgram(file, args, cwd);
  return JSON.parse(stdout.trim().split("\n").at(-1) ?? "") as FlowReport;
}
