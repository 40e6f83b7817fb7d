import { mkdirSync, rmSync } from "node:fs";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { buildSite, type SiteBuild } from "../src/build-site.js";
import { packageRoot, repoRoot } from "../src/repo.js";

declare module "vitest" {
  export interface ProvidedContext {
    site: SiteBuild & { out: string; json: string };
  }
}

/** Builds the site once, exactly as `pnpm docs` does, for every test file to read. */
export default async function setup(project: TestProject) {
  const out = join(repoRoot, "docs-site");
  const resultsDir = join(packageRoot, "test-results");
  mkdirSync(resultsDir, { recursive: true });
  const json = join(resultsDir, "api.json");
  // TypeDoc leaves the previous output when it fails: never test a stale site.
  rmSync(out, { recursive: true, force: true });
  rmSync(json, { force: true });
  const build = await buildSite({ out, json });
  console.log(`TypeDoc built the site in ${Math.round(build.ms)} ms (exit code ${build.code})`);
  project.provide("site", { ...build, out, json });
}
