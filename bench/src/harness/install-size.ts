import { execFile } from "node:child_process";
import { readdir, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";

const run = promisify(execFile);

/** What `npm install` of one spec left on disk. */
export interface InstallSize {
  /** Sum of file sizes under node_modules (like `du -sb`). */
  bytes: number;
  /** Disk blocks used under node_modules, in bytes (like `du -sk` × 1024). */
  diskBytes: number;
  files: number;
  /** Packages installed, the requested one included. */
  packages: number;
  installMs: number;
}

async function walk(dir: string, totals: { bytes: number; disk: number; files: number }) {
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) await walk(path, totals);
    else if (entry.isFile()) {
      const info = await stat(path);
      totals.bytes += info.size;
      totals.disk += info.blocks * 512;
      totals.files += 1;
    }
  }
}

/**
 * Installs one package spec (a name@version or a tarball path) into an empty npm project with
 * production dependencies only and no install scripts, and measures node_modules.
 *
 * @example
 * const { bytes, packages } = await measureInstall(dir, "googleapis@176.0.0");
 */
export async function measureInstall(dir: string, spec: string): Promise<InstallSize> {
  await writeFile(join(dir, "package.json"), '{ "name": "footprint", "private": true }\n');
  const start = performance.now();
  await run(
    "npm",
    [
      "install",
      "--omit=dev",
      "--ignore-scripts",
      "--no-audit",
      "--no-fund",
      "--loglevel=error",
      spec,
    ],
    { cwd: dir, maxBuffer: 16 * 1024 * 1024 },
  );
  const installMs = performance.now() - start;
  const totals = { bytes: 0, disk: 0, files: 0 };
  await walk(join(dir, "node_modules"), totals);
  const lock = JSON.parse(await readFile(join(dir, "package-lock.json"), "utf8")) as {
    packages: Record<string, unknown>;
  };
  const packages = Object.keys(lock.packages).filter((key) => key.startsWith("node_modules/"));
  return {
    bytes: totals.bytes,
    diskBytes: totals.disk,
    files: totals.files,
    packages: packages.length,
    installMs,
  };
}
