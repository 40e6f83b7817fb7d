import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import {
  guideExamples,
  runTestExamples,
  testExamples,
  typeCheckExamples,
} from "../src/guide-examples.js";
import { markdownFiles } from "../src/markdown.js";
import { brokenRelativeLinks } from "../src/relative-links.js";
import { repoRoot } from "../src/repo.js";

const docs = markdownFiles(join(repoRoot, "docs"));

describe("the guides in docs/", () => {
  it("are all part of the site (projectDocuments of typedoc.json)", () => {
    const config = JSON.parse(readFileSync(join(repoRoot, "typedoc.json"), "utf8"));
    const guides = readdirSync(join(repoRoot, "docs/guides"))
      .filter((name) => name.endsWith(".md"))
      .map((name) => `docs/guides/${name}`);
    expect([...config.projectDocuments].sort()).toEqual(guides.sort());
  });

  it("have TypeScript examples", () => {
    expect(guideExamples().length).toBeGreaterThan(0);
  });

  it("type-check every ```ts example against the built packages", async () => {
    expect(await typeCheckExamples(guideExamples())).toEqual([]);
  });

  it("run the testing guide's test examples, which pass", async () => {
    expect(testExamples(guideExamples()).length).toBeGreaterThan(0);
    const result = await runTestExamples(guideExamples());
    expect(result.code, result.output).toBe(0);
  });

  it.each(docs.map((file) => [file.slice(repoRoot.length + 1), file]))(
    "%s has no broken relative link",
    (_name, file) => {
      expect(brokenRelativeLinks(file)).toEqual([]);
    },
  );
});
