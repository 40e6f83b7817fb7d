import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (BENCHMARKS.md is written here). */
export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..", "..");

/** The bench package folder. */
export const BENCH_DIR = resolve(REPO_ROOT, "bench");
