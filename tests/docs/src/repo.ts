import { execFile } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** Absolute path of the monorepo root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

/** Absolute path of this package (tests/docs). */
export const packageRoot = resolve(dirname(fileURLToPath(import.meta.url)), "..");

/** Result of a finished child process. */
export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/** Runs a program without a shell; never throws for a non-zero exit. */
export function run(
  file: string,
  args: readonly string[],
  options: { cwd: string; timeoutMs?: number; env?: NodeJS.ProcessEnv },
): Promise<RunResult> {
  return new Promise((done) => {
    execFile(
      file,
      args,
      {
        cwd: options.cwd,
        timeout: options.timeoutMs ?? 300_000,
        maxBuffer: 64 * 1024 * 1024,
        env: { ...(options.env ?? process.env), FORCE_COLOR: "0", NO_COLOR: "1" },
      },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === "number" ? error.code : 1) : 0;
        done({ stdout, stderr, code });
      },
    );
  });
}
