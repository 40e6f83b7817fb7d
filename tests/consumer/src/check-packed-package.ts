import { attwProblems } from "./attw-check.js";
import { contentProblems } from "./contents-check.js";
import { undeclaredImports } from "./dependency-check.js";
import { metadataProblems } from "./metadata-check.js";
import type { PackedPackage } from "./pack.js";
import { publintProblems } from "./publint-check.js";

/** The outcome of every check on one packed package, grouped by check. */
export interface PackageReport {
  name: string;
  checks: { check: string; problems: string[]; ms: number }[];
  suggestions: string[];
}

async function timed(check: string, body: () => Promise<string[]> | string[]) {
  const started = performance.now();
  const problems = await body();
  return { check, problems, ms: performance.now() - started };
}

/** Runs publint --strict, attw, the contents, metadata and declared-dependency checks. */
export async function checkPackedPackage(packed: PackedPackage): Promise<PackageReport> {
  let suggestions: string[] = [];
  const checks = [
    await timed("publint --strict", async () => {
      const result = await publintProblems(packed);
      suggestions = result.suggestions;
      return result.problems;
    }),
    await timed(packed.pkg.esmOnly ? "attw --profile esm-only" : "attw", () =>
      attwProblems(packed),
    ),
    await timed("tarball contents", () => contentProblems(packed)),
    await timed("package.json metadata", () => metadataProblems(packed)),
    await timed("declared dependencies", () => undeclaredImports(packed)),
  ];
  return { name: packed.pkg.name, checks, suggestions };
}
