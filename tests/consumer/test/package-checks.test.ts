import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { attwProblems } from "../src/attw-check.js";
import { contentProblems } from "../src/contents-check.js";
import { undeclaredImports } from "../src/dependency-check.js";
import { metadataProblems } from "../src/metadata-check.js";
import { publintProblems } from "../src/publint-check.js";
import { listPublishedPackages } from "../src/published-packages.js";
import { consumerContext } from "./support/context.js";

const { packed } = consumerContext();

it("depends on every published package, so turbo builds them all before these tests", () => {
  const manifest = JSON.parse(readFileSync(join(import.meta.dirname, "../package.json"), "utf8"));
  const missing = listPublishedPackages()
    .map((pkg) => pkg.name)
    .filter((name) => manifest.devDependencies?.[name] !== "workspace:*");
  expect(missing).toEqual([]);
});

describe.each(packed.map((entry) => [entry.pkg.name, entry] as const))("%s", (_name, entry) => {
  it("passes publint --strict", async () => {
    expect((await publintProblems(entry)).problems).toEqual([]);
  });

  it(entry.pkg.esmOnly ? "passes attw --profile esm-only" : "passes attw", async () => {
    expect(await attwProblems(entry)).toEqual([]);
  });

  it("ships only what users need: no tests, fixtures or source maps pointing outside", () => {
    expect(contentProblems(entry)).toEqual([]);
  });

  it("has accurate metadata", () => {
    expect(metadataProblems(entry)).toEqual([]);
  });

  it("declares every package its shipped code imports", () => {
    expect(undeclaredImports(entry)).toEqual([]);
  });
});
