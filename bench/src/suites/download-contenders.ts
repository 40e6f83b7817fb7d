import { spawnSync } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { join } from "node:path";
import { runMeasuredChild } from "../harness/measured-child.js";
import { BENCH_DIR } from "../harness/paths.js";

/** What one download did: bytes, time and CPU of the transfer, peak memory of its process. */
export interface Transfer {
  bytes: number;
  ms: number;
  cpuMs: number;
  peakRssBytes: number;
}

const MiB = 2 ** 20;

/** Throughput of a transfer, in MiB/s. */
export const mibps = (t: Transfer) => t.bytes / MiB / (t.ms / 1000);

/** CPU seconds a transfer spent per GiB. */
export const cpuSecondsPerGiB = (t: Transfer) => t.cpuMs / 1000 / (t.bytes / 2 ** 30);

/** SHA-256 of a file, hex. */
export async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Runs a plain-JavaScript worker of bench/src/workers and reads the JSON line it prints. */
export async function runWorker(script: string, argument: unknown): Promise<Transfer> {
  const result = await runMeasuredChild(
    process.execPath,
    [join(BENCH_DIR, "src", "workers", script), JSON.stringify(argument)],
    { cwd: BENCH_DIR },
  );
  if (result.code !== 0) {
    throw new Error(`${script} exited ${result.code}: ${result.stderr.trim()}`);
  }
  const report = JSON.parse(result.stdout.trim().split("\n").pop()!) as {
    bytes: number;
    ms: number;
    cpuMs: number;
    maxRssBytes: number;
  };
  return { ...report, peakRssBytes: Math.max(result.peakRssBytes, report.maxRssBytes) };
}

/**
 * Runs a command under bash and reads its CPU time from the shell's `times` (user and system
 * time of finished children), which bash prints on stderr after it.
 */
async function runTimed(command: string, args: readonly string[]) {
  const result = await runMeasuredChild("bash", [
    "-c",
    '"$@"; status=$?; times >&2; exit $status',
    "bash",
    command,
    ...args,
  ]);
  const lines = result.stderr.trimEnd().split("\n");
  // `times` prints two lines: the shell's own times, then its children's.
  const seconds = [...(lines.at(-1) ?? "").matchAll(/(\d+)m([\d.]+)s/g)].map(
    ([, m, s]) => Number(m) * 60 + Number(s),
  );
  return {
    ...result,
    stderr: lines.slice(0, -2).join("\n"),
    cpuMs: seconds.reduce((sum, value) => sum + value, 0) * 1000,
  };
}

/** curl into a file: one connection, nothing verified. */
export async function runCurl(url: string, file: string): Promise<Transfer> {
  const result = await runTimed("/usr/bin/curl", [
    "--silent",
    "--show-error",
    "--fail",
    "--output",
    file,
    "--write-out",
    "%{size_download} %{time_total}",
    url,
  ]);
  if (result.code !== 0) throw new Error(`curl exited ${result.code}: ${result.stderr.trim()}`);
  const [bytes, seconds] = result.stdout.trim().split(" ").map(Number) as [number, number];
  return { bytes, ms: seconds * 1000, cpuMs: result.cpuMs, peakRssBytes: result.peakRssBytes };
}

/** `aria2c -x4 -s4` into a file: four ranged connections, nothing verified. */
export async function runAria2(url: string, file: string, bytes: number): Promise<Transfer> {
  const slash = file.lastIndexOf("/");
  const result = await runTimed("aria2c", [
    "--quiet=true",
    "--max-connection-per-server=4",
    "--split=4",
    "--min-split-size=1M",
    "--file-allocation=none",
    "--allow-overwrite=true",
    "--auto-file-renaming=false",
    "--check-certificate=false",
    `--dir=${file.slice(0, slash)}`,
    `--out=${file.slice(slash + 1)}`,
    url,
  ]);
  if (result.code !== 0) throw new Error(`aria2c exited ${result.code}: ${result.stderr.trim()}`);
  return { bytes, ms: result.wallMs, cpuMs: result.cpuMs, peakRssBytes: result.peakRssBytes };
}

/** md5sum of a file; its wall time. */
export async function runMd5sum(file: string): Promise<number> {
  const result = await runMeasuredChild("md5sum", [file]);
  if (result.code !== 0) throw new Error(`md5sum exited ${result.code}: ${result.stderr.trim()}`);
  return result.wallMs;
}

/**
 * Makes sure `aria2c` (Debian's aria2, the multi-connection baseline) is installed: with
 * apt-get when missing and running as root. Returns whether it is there.
 */
export function ensureAria2(log: (message: string) => void): boolean {
  const present = () => spawnSync("sh", ["-c", "command -v aria2c"]).status === 0;
  if (present()) return true;
  if (process.getuid?.() !== 0) return false;
  log("installing aria2 with apt-get (the multi-connection baseline)…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "aria2"], {
    stdio: "inherit",
    env,
  });
  return present();
}
