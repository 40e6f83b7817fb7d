import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";
import { packAll } from "../src/pack.js";
import { listPublishedPackages } from "../src/published-packages.js";
import { installScratchProject } from "../src/scratch-project.js";

/** What the setup hands to the test files (JSON only). */
export interface ConsumerContext {
  workDir: string;
  scratchDir: string;
  packed: { name: string; tarball: string; unpackedDir: string; files: string[] }[];
  timings: Record<string, number>;
}

declare module "vitest" {
  export interface ProvidedContext {
    consumer: ConsumerContext;
  }
}

/**
 * Packs every published package once and installs all tarballs with plain npm into one scratch
 * project; every test file reads these instead of packing again.
 * DATAPORTABILITY_CONSUMER_PACKAGES=a,b limits the run to some packages while developing them.
 */
export default async function setup(project: TestProject) {
  const only = process.env["DATAPORTABILITY_CONSUMER_PACKAGES"]?.split(",").filter(Boolean);
  const packages = listPublishedPackages().filter((pkg) => !only || only.includes(pkg.name));
  const workDir = mkdtempSync(join(tmpdir(), "dp-consumer-"));
  const started = performance.now();
  const packed = await packAll(packages, join(workDir, "tarballs"));
  const packMs = performance.now() - started;
  const scratchDir = join(workDir, "scratch");
  const { installMs } = await installScratchProject(packed, scratchDir);
  project.provide("consumer", {
    workDir,
    scratchDir,
    packed: packed.map(({ pkg, tarball, unpackedDir, files }) => ({
      name: pkg.name,
      tarball,
      unpackedDir,
      files,
    })),
    timings: { packMs, installMs },
  });
  console.log(
    `packed ${packed.length} packages in ${Math.round(packMs)} ms, npm install took ${Math.round(installMs)} ms`,
  );
  return () => {
    if (!process.env["DATAPORTABILITY_KEEP_SCRATCH"])
      rmSync(workDir, { recursive: true, force: true });
  };
}
