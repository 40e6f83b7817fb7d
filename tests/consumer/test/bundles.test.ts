import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { type BundlePlatform, bundleEntry, parseSize } from "../src/bundle-entry.js";
import { codeEntries } from "../src/consumer-projects.js";
import { consumerContext } from "./support/context.js";

/** Per entry: where it must run and its budget (minified + brotli, dependencies included). */
type Budgets = Record<string, Record<string, { platform: BundlePlatform; brotli: string }>>;

const budgets: Budgets = JSON.parse(
  readFileSync(join(import.meta.dirname, "../size-budgets.json"), "utf8"),
);
const { scratchDir, packages } = consumerContext();
const measured: string[] = [];

afterAll(() => {
  console.log(`entry sizes (minified, gzip, brotli):\n${measured.join("\n")}`);
});

it("every entry of every published package has a size budget, and no budget is stale", () => {
  const entries = packages.flatMap((pkg) =>
    codeEntries([pkg]).map((e) => `${pkg.name} ${e.subpath}`),
  );
  const budgeted = Object.entries(budgets).flatMap(([name, subpaths]) =>
    Object.keys(subpaths).map((subpath) => `${name} ${subpath}`),
  );
  expect(
    entries.filter((entry) => !budgeted.includes(entry)),
    "entries without a budget",
  ).toEqual([]);
  const only = process.env["DATAPORTABILITY_CONSUMER_PACKAGES"];
  if (!only)
    expect(
      budgeted.filter((entry) => !entries.includes(entry)),
      "stale budgets",
    ).toEqual([]);
});

const cases = packages.flatMap((pkg) =>
  codeEntries([pkg]).map((entry) => {
    const budget = budgets[pkg.name]?.[entry.subpath];
    // Browser entries count what an app's bundle gains: their dependencies, but not peers or our
    // other packages (each has its own budget). Node entries are not bundled by their users, so
    // they count our own code only (dependencies, some with native addons, stay out).
    const dependencies = Object.keys(pkg.manifest.dependencies ?? {});
    const external = [
      ...Object.keys(pkg.manifest.peerDependencies ?? {}),
      ...(budget?.platform === "node"
        ? dependencies
        : dependencies.filter((dep) => dep.startsWith("@dataportability/"))),
    ];
    return { specifier: entry.specifier, budget, external };
  }),
);

describe("bundled entries (esbuild, minified ESM)", () => {
  it.each(cases.filter((c) => c.budget))("$specifier stays within its budget", async (entry) => {
    const budget = entry.budget!;
    const result = await bundleEntry({
      scratchDir,
      specifier: entry.specifier,
      platform: budget.platform,
      external: entry.external,
    });
    expect(result.errors).toEqual([]);
    if (budget.platform === "browser") {
      expect(result.nodeBuiltins, "Node built-ins in a browser entry").toEqual([]);
    }
    measured.push(
      `  ${entry.specifier} [${budget.platform}]: ${result.minified} B, ${result.gzip} B gzip, ${result.brotli} B brotli (budget ${budget.brotli})`,
    );
    expect(result.brotli).toBeLessThanOrEqual(parseSize(budget.brotli));
  });
});
