import { type ChildProcess, spawn } from "node:child_process";
import path from "node:path";

/** A server started as its own process with `src/main.ts`, as `pnpm start` runs it. */
export interface ServerProcess {
  url: string;
  child: ChildProcess;
  /** Everything it wrote to stderr (its log). */
  log(): string;
  /** Stops it (SIGTERM) and waits for the exit. */
  stop(): Promise<void>;
}

const EXAMPLE_DIR = path.join(import.meta.dirname, "..", "..");

/**
 * `src/main.ts` with `env` on top of a clean environment, its output collected. It listens on
 * a port the system picks, never on the default one, which another server may hold.
 */
function spawnMain(env: Record<string, string>) {
  const child = spawn(process.execPath, ["--import", "tsx", "src/main.ts"], {
    cwd: EXAMPLE_DIR,
    env: { PATH: process.env["PATH"] ?? "", HOME: process.env["HOME"] ?? "", ...env, PORT: "0" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  const collect = (chunk: Buffer) => {
    output += chunk.toString();
  };
  child.stdout?.on("data", collect);
  child.stderr?.on("data", collect);
  return { child, output: () => output };
}

/** Starts `src/main.ts` with `env`; resolves once it listens. */
export async function startServerProcess(env: Record<string, string>): Promise<ServerProcess> {
  const { child, output } = spawnMain(env);
  const url = await new Promise<string>((resolve, reject) => {
    child.stderr?.on("data", () => {
      const listening = /listening on (http:\/\/\S+)/.exec(output());
      if (listening) resolve(listening[1]!);
    });
    child.once("exit", (code) => reject(new Error(`the server exited (${code}):\n${output()}`)));
  });
  return {
    url,
    child,
    log: output,
    async stop() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await exited;
    },
  };
}

/** Starts `src/main.ts` with `env` and waits until it exits; returns its code and output. */
export async function runServerProcess(
  env: Record<string, string>,
): Promise<{ code: number | null; output: string }> {
  const { child, output } = spawnMain(env);
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  return { code, output: output() };
}
