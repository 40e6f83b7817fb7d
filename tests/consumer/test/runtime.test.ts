import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { copyRuntimeUsage, writeRuntimeProbes } from "../src/consumer-projects.js";
import { run } from "../src/repo.js";
import { consumerContext } from "./context.js";

const { scratchDir, packages, packed } = consumerContext();
const probes = writeRuntimeProbes(scratchDir, packages);
const usageFiles = copyRuntimeUsage(scratchDir);

function probe(file: string): Record<string, string[]> {
  return JSON.parse(execFileSync(process.execPath, [file], { cwd: scratchDir, encoding: "utf8" }));
}

describe("installed tarballs at run time", () => {
  it("every entry imports from ESM and exports something", () => {
    const names = probe("esm/probe.mjs");
    expect(Object.keys(names).sort()).toEqual([...probes.esm].sort());
    for (const [specifier, exported] of Object.entries(names)) {
      expect(exported.length, `${specifier} exports nothing`).toBeGreaterThan(0);
    }
  });

  it("every entry with a require condition loads from CJS with the same exports as ESM", () => {
    const esm = probe("esm/probe.mjs");
    const cjs = probe("cjs/probe.cjs");
    expect(Object.keys(cjs).sort()).toEqual([...probes.cjs].sort());
    for (const [specifier, exported] of Object.entries(cjs)) {
      expect(exported, specifier).toEqual(esm[specifier]);
    }
  });

  const bins = packed.flatMap((entry) => {
    const manifest = JSON.parse(readFileSync(join(entry.unpackedDir, "package.json"), "utf8"));
    const bin: Record<string, string> =
      typeof manifest.bin === "string" ? { [entry.pkg.name]: manifest.bin } : (manifest.bin ?? {});
    return Object.keys(bin);
  });
  it.each(bins)("the %s command is installed and answers --help", async (command) => {
    const result = await run(join(scratchDir, "node_modules/.bin", command), ["--help"], {
      cwd: scratchDir,
      timeoutMs: 30_000,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/usage/i);
  });

  it.each(usageFiles)("usage/%s runs against the installed packages", async (file) => {
    const result = await run(process.execPath, [file], {
      cwd: scratchDir,
      timeoutMs: 60_000,
    });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  });
});
