import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, inject, it } from "vitest";
import { missingExamples } from "../src/missing-examples.js";
import { brokenSiteLinks } from "../src/site-links.js";

const site = inject("site");

describe("the TypeDoc site (pnpm run docs)", () => {
  it("builds with treatWarningsAsErrors and validation, printing no warning", () => {
    expect(site.problems, site.log).toEqual([]);
    expect(site.code, site.log).toBe(0);
    expect(existsSync(join(site.out, "index.html"))).toBe(true);
  });

  it("has no broken link or anchor between its pages", () => {
    expect(existsSync(join(site.out, "index.html")), "the site was not built").toBe(true);
    expect(brokenSiteLinks(site.out)).toEqual([]);
  });

  it("documents every exported symbol with an @example", () => {
    const project = JSON.parse(readFileSync(site.json, "utf8"));
    expect(missingExamples(project)).toEqual([]);
  });
});
