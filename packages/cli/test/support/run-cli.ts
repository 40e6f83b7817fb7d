import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  createEmulatorServer,
  type EmulatorServer,
  type EmulatorServerOptions,
} from "@dataportability/msw/node";
import { afterAll, beforeAll } from "vitest";
import { run } from "../../src/index.js";

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
  /** stdout + stderr, for "no token anywhere" checks. */
  all: string;
}

export interface RunOptions {
  env?: Record<string, string | undefined>;
  /** stdin, stdout and stderr are terminals (a person is there). */
  tty?: boolean;
  signal?: AbortSignal;
  cwd?: string;
  /** Sees every chunk written to stderr as it is written. */
  onStderr?: (chunk: string) => void;
}

/** A temporary folder removed after the test file. */
export async function tempDir(
  prefix = "dp-cli-",
): Promise<{ dir: string; remove(): Promise<void> }> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}

/** Runs the command in-process with captured streams and a clean environment. */
export async function runCli(argv: string[], options: RunOptions = {}): Promise<CliResult> {
  let stdout = "";
  let stderr = "";
  const code = await run(argv, {
    stdout: {
      write: (chunk) => {
        stdout += chunk;
      },
      isTTY: options.tty,
      columns: 100,
    },
    stderr: {
      write: (chunk) => {
        stderr += chunk;
        options.onStderr?.(chunk);
      },
      isTTY: options.tty,
      columns: 100,
    },
    stdin: { isTTY: options.tty },
    env: { PATH: process.env["PATH"], ...options.env },
    signal: options.signal,
    cwd: options.cwd,
  });
  return { code, stdout, stderr, all: stdout + stderr };
}

/**
 * A temporary folder and an emulator served over HTTP for the whole test file (jobs complete at
 * the first check, small archives), both removed after it. Read the fields inside tests.
 */
export function emulatorFixture(
  options: EmulatorServerOptions = { completeAfterPolls: 0, archiveBytes: 4096 },
): { tmp: Awaited<ReturnType<typeof tempDir>>; server: EmulatorServer } {
  const fixture = {} as { tmp: Awaited<ReturnType<typeof tempDir>>; server: EmulatorServer };
  beforeAll(async () => {
    fixture.tmp = await tempDir();
    fixture.server = await createEmulatorServer(options);
  });
  afterAll(async () => {
    await fixture.server.close();
    await fixture.tmp.remove();
  });
  return fixture;
}
