import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { cpus, freemem, loadavg, release, totalmem, type } from "node:os";
import { dirname, join } from "node:path";
import { BENCH_DIR, REPO_ROOT } from "./paths.js";

/** The machine and software a benchmark ran on. */
export interface Environment {
  date: string;
  cpu: string;
  cores: number;
  memoryGiB: number;
  freeMemoryGiB: number;
  os: string;
  loadAverage: number[];
  node: string;
  commit: string;
  versions: Record<string, string>;
}

const OUR_PACKAGES = ["core", "msw", "node", "spec"];
const PEERS = [
  "googleapis",
  "googleapis-common",
  "google-auth-library",
  "gaxios",
  "esbuild",
  "msw",
];

function safe(run: () => string): string {
  try {
    return run().trim();
  } catch {
    return "unknown";
  }
}

/** Reads `version` from the package.json found by walking up from a resolved entry file. */
function versionNear(entry: string, name: string): string | undefined {
  let dir = dirname(entry);
  while (dir !== dirname(dir)) {
    try {
      const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as {
        name?: string;
        version?: string;
      };
      if (manifest.name === name) return manifest.version;
    } catch {}
    dir = dirname(dir);
  }
  return undefined;
}

/** Version of a package as the bench resolves it, directly or through googleapis. */
function resolvedVersion(name: string): string {
  const requires = [createRequire(join(BENCH_DIR, "package.json"))];
  for (const via of ["googleapis", "googleapis-common", "google-auth-library"]) {
    for (const req of [...requires]) {
      try {
        requires.push(createRequire(req.resolve(via)));
        break;
      } catch {}
    }
  }
  for (const req of requires) {
    try {
      const version = versionNear(req.resolve(name), name);
      if (version !== undefined) return version;
    } catch {}
  }
  return "not installed";
}

/**
 * Captures the machine (CPU, cores, memory, load), the commit and the versions of every
 * package and tool a figure depends on.
 *
 * @example
 * const env = captureEnvironment();
 * env.versions["googleapis"]; // "176.0.0"
 */
export function captureEnvironment(): Environment {
  const versions: Record<string, string> = {};
  for (const name of OUR_PACKAGES) {
    const manifest = JSON.parse(
      readFileSync(join(REPO_ROOT, "packages", name, "package.json"), "utf8"),
    ) as { version: string };
    versions[`@dataportability/${name}`] = manifest.version;
  }
  for (const name of PEERS) versions[name] = resolvedVersion(name);
  versions["undici (bundled with Node)"] = process.versions.undici ?? "unknown";
  versions.curl = safe(() => execFileSync("/usr/bin/curl", ["--version"], { encoding: "utf8" }))
    .split("\n")[0]!
    .split(" ")
    .slice(0, 2)
    .join(" ");
  versions.npm = safe(() => execFileSync("npm", ["--version"], { encoding: "utf8" }));
  const dirty = safe(() =>
    execFileSync("git", ["status", "--porcelain", "--", "packages", "bench"], {
      cwd: REPO_ROOT,
      encoding: "utf8",
    }),
  );
  const commit = safe(() =>
    execFileSync("git", ["rev-parse", "--short", "HEAD"], { cwd: REPO_ROOT, encoding: "utf8" }),
  );
  return {
    date: new Date().toISOString(),
    cpu: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: totalmem() / 2 ** 30,
    freeMemoryGiB: freemem() / 2 ** 30,
    os: `${type()} ${release()}`,
    loadAverage: loadavg(),
    node: process.version,
    commit: dirty === "" ? commit : `${commit} (with uncommitted changes)`,
    versions,
  };
}
