import { spawn } from "node:child_process";
import { readFile } from "node:fs/promises";
import { nowMs } from "./interleave.js";

/** What a measured child process did. */
export interface ChildResult {
  code: number | null;
  stdout: string;
  stderr: string;
  wallMs: number;
  /** Largest resident set seen (VmHWM from /proc), in bytes; 0 if never sampled. */
  peakRssBytes: number;
}

/** Options of {@link runMeasuredChild}. */
export interface MeasuredChildOptions {
  env?: NodeJS.ProcessEnv;
  cwd?: string;
  /** How often /proc/<pid>/status is read; VmHWM only grows, so the last read is close. */
  sampleEveryMs?: number;
  /** Called with each stdout chunk (e.g. to learn a server's URL). */
  onStdout?: (chunk: string) => void;
}

/**
 * Reads a process's high-water resident set (VmHWM) from /proc, in bytes.
 *
 * @example
 * const bytes = await readPeakRss(process.pid);
 */
export async function readPeakRss(pid: number): Promise<number | undefined> {
  try {
    const status = await readFile(`/proc/${pid}/status`, "utf8");
    const match = /^VmHWM:\s+(\d+)\s+kB$/m.exec(status);
    return match ? Number(match[1]) * 1024 : undefined;
  } catch {
    return undefined;
  }
}

/**
 * Runs a command to the end, timing it and sampling its peak resident set.
 *
 * @example
 * const { wallMs, peakRssBytes } = await runMeasuredChild("/usr/bin/curl", ["-so", "/dev/null", url]);
 */
export function runMeasuredChild(
  command: string,
  args: readonly string[],
  options: MeasuredChildOptions = {},
): Promise<ChildResult> {
  return new Promise((resolve, reject) => {
    const start = nowMs();
    const child = spawn(command, args, {
      env: options.env ?? process.env,
      cwd: options.cwd,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    let peak = 0;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      options.onStdout?.(chunk);
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    const sample = async () => {
      if (child.pid === undefined) return;
      const rss = await readPeakRss(child.pid);
      if (rss !== undefined && rss > peak) peak = rss;
    };
    const timer = setInterval(() => void sample(), options.sampleEveryMs ?? 10);
    child.on("error", (error) => {
      clearInterval(timer);
      reject(error);
    });
    // "exit", not "close": a process the child left behind may hold its output open forever.
    child.on("exit", (code) => {
      clearInterval(timer);
      const wallMs = nowMs() - start;
      const done = () => resolve({ code, stdout, stderr, wallMs, peakRssBytes: peak });
      const grace = setTimeout(() => {
        child.stdout.destroy();
        child.stderr.destroy();
        stderr += `\n(the process exited but something it started still holds its output)`;
        done();
      }, 2_000);
      child.on("close", () => {
        clearTimeout(grace);
        done();
      });
    });
  });
}
