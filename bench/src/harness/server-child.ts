import { spawn } from "node:child_process";
import { join } from "node:path";
import { readPeakRss } from "./measured-child.js";
import { BENCH_DIR } from "./paths.js";

/** A server running in its own Node process, so its CPU and memory are not the client's. */
export interface ServerChild<Info> {
  /** The JSON line the server printed once listening. */
  info: Info;
  pid: number;
  /** Peak resident set of the server process so far (VmHWM), in bytes. */
  peakRss: () => Promise<number>;
  stop: () => Promise<void>;
}

/**
 * Starts `bench/src/servers/<script>` (plain JavaScript, no loader), passes `options` as JSON in argv, and resolves
 * with the first line it prints (JSON). The server must exit on SIGTERM.
 *
 * @example
 * const server = await startServerChild<{ url: string }>("emulator-server.mjs", { archiveBytes: 1024 });
 * await server.stop();
 */
export function startServerChild<Info>(
  script: string,
  options: unknown,
): Promise<ServerChild<Info>> {
  return new Promise((resolve, reject) => {
    const child = spawn(
      process.execPath,
      [join(BENCH_DIR, "src", "servers", script), JSON.stringify(options)],
      { cwd: BENCH_DIR, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    let started = false;
    const exited = new Promise<void>((done) => child.on("close", () => done()));
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      const newline = stdout.indexOf("\n");
      if (started || newline < 0) return;
      started = true;
      let info: Info;
      try {
        info = JSON.parse(stdout.slice(0, newline)) as Info;
      } catch {
        reject(new Error(`${script} printed ${JSON.stringify(stdout.slice(0, 200))}, not JSON`));
        child.kill();
        return;
      }
      resolve({
        info,
        pid: child.pid!,
        peakRss: async () => (await readPeakRss(child.pid!)) ?? 0,
        stop: async () => {
          if (child.exitCode === null) child.kill("SIGTERM");
          await exited;
        },
      });
    });
    child.on("error", reject);
    child.on("close", (code) => {
      if (!started)
        reject(new Error(`${script} exited ${code} before listening: ${stderr.trim()}`));
    });
  });
}
