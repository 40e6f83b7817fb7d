import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { basename, dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";

/** Absolute path of the monorepo root. */
export const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), "../../..");

const execFileAsync = promisify(execFile);

/** Result of a finished child process. */
export interface RunResult {
  stdout: string;
  stderr: string;
  code: number;
}

/**
 * Runs a program without a shell and returns its output and exit code instead of throwing,
 * so that callers can put the output into their own error messages.
 */
export async function run(
  file: string,
  args: readonly string[],
  options: { cwd: string; env?: NodeJS.ProcessEnv; timeoutMs?: number },
): Promise<RunResult> {
  try {
    const { stdout, stderr } = await execFileAsync(file, args, {
      cwd: options.cwd,
      env: options.env ?? process.env,
      timeout: options.timeoutMs ?? 300_000,
      maxBuffer: 64 * 1024 * 1024,
    });
    return { stdout, stderr, code: 0 };
  } catch (error) {
    const failure = error as {
      stdout?: string;
      stderr?: string;
      code?: number | string;
      message?: string;
    };
    return {
      stdout: failure.stdout ?? "",
      // A program that could not start (ENOENT) has no output: say why instead.
      stderr:
        failure.stderr || failure.stdout
          ? (failure.stderr ?? "")
          : (failure.message ?? String(error)),
      code: typeof failure.code === "number" ? failure.code : 1,
    };
  }
}

/**
 * The pnpm that runs this script: pnpm sets `npm_execpath` for its scripts, and CI reaches pnpm
 * through `npx`, so a bare `pnpm` may not be on PATH.
 */
export function pnpmCommand(): { file: string; args: string[] } {
  const execPath = process.env["npm_execpath"];
  if (execPath && basename(execPath).includes("pnpm") && existsSync(execPath)) {
    return /\.[cm]?js$/.test(execPath)
      ? { file: process.execPath, args: [execPath] }
      : { file: execPath, args: [] };
  }
  return { file: "pnpm", args: [] };
}
