import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { startRedisServer, type TestRedis } from "@dataportability/redis-support";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyRuntimeUsage, writeRuntimeProbes } from "../src/consumer-projects.js";
import { run } from "../src/repo.js";
import { commonJsNeedsRequireEsm, WITHOUT_REQUIRE_ESM } from "../src/require-esm.js";
import { consumerContext } from "./support/context.js";

const { scratchDir, packages, packed } = consumerContext();
const probes = writeRuntimeProbes(scratchDir, packages);
const usageFiles = copyRuntimeUsage(scratchDir);

function probe(
  file: string,
  specifiers: readonly string[] = [],
  nodeFlags: readonly string[] = [],
): Record<string, string[]> {
  return JSON.parse(
    execFileSync(process.execPath, [...nodeFlags, file, ...specifiers], {
      cwd: scratchDir,
      encoding: "utf8",
    }),
  );
}

const packageOf = (specifier: string) => specifier.split("/").slice(0, 2).join("/");

// For the usage scenarios that run a BullMQ pipeline.
let redis: TestRedis;
beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(() => redis?.stop());

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

  it("every entry with a require condition loads on Node 20 releases without require(esm)", () => {
    const specifiers = probes.cjs.filter((s) => !(packageOf(s) in commonJsNeedsRequireEsm));
    const esm = probe("esm/probe.mjs");
    const cjs = probe("cjs/probe.cjs", specifiers, [WITHOUT_REQUIRE_ESM]);
    expect(Object.keys(cjs).sort()).toEqual([...specifiers].sort());
    for (const [specifier, exported] of Object.entries(cjs)) {
      expect(exported, specifier).toEqual(esm[specifier]);
    }
  });

  it.each(Object.entries(commonJsNeedsRequireEsm))(
    "%s needs require(esm) for CommonJS only because its peer does",
    async (name, { peer }) => {
      const loads = (specifier: string) =>
        run(
          process.execPath,
          [WITHOUT_REQUIRE_ESM, "-e", `require(${JSON.stringify(specifier)})`],
          {
            cwd: join(scratchDir, "cjs"),
          },
        );
      const alone = await loads(peer);
      expect(alone.code, `${peer} now loads with require(): drop ${name}'s exception`).not.toBe(0);
      expect(alone.stderr).toContain("ERR_REQUIRE_ESM");
      expect(packages.find((pkg) => pkg.name === name)?.esmOnly).toBe(false);
    },
  );

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
      env: { ...process.env, REDIS_URL: redis.url },
      timeoutMs: 60_000,
    });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
  });
});
