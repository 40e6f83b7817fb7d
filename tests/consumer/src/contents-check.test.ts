import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { contentProblems } from "./contents-check.js";
import type { PackedPackage } from "./pack.js";
import { readPublishedPackage } from "./published-packages.js";
import { repoRoot } from "./repo.js";

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function fakePackage(files: Record<string, string>): PackedPackage {
  const root = mkdtempSync(join(tmpdir(), "dp-contents-"));
  dirs.push(root);
  for (const [file, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, file)), { recursive: true });
    writeFileSync(join(root, file), text);
  }
  const pkg = readPublishedPackage(join(repoRoot, "packages/spec"))!;
  return { pkg, tarball: "", unpackedDir: root, files: Object.keys(files).sort(), packMs: 0 };
}

const base = { "package.json": "{}", "README.md": "# x", LICENSE: "MIT", "dist/index.js": "" };

describe("contentProblems", () => {
  it("accepts dist, README, LICENSE and package.json", () => {
    expect(contentProblems(fakePackage(base))).toEqual([]);
  });

  it("names a missing README and LICENSE", () => {
    expect(contentProblems(fakePackage({ "package.json": "{}", "dist/index.js": "" }))).toEqual([
      "README.md is missing from the tarball",
      "LICENSE is missing from the tarball",
    ]);
  });

  it("flags tests, fixtures, snapshots and stray top-level files", () => {
    const problems = contentProblems(
      fakePackage({
        ...base,
        "dist/retry.test.js": "",
        "dist/fixtures/a.json": "{}",
        "dist/__snapshots__/x.snap": "",
        "src/index.ts": "",
      }),
    );
    expect(problems).toEqual([
      "dist/__snapshots__/x.snap is a test folder and must not be published",
      "dist/__snapshots__/x.snap is a snapshot and must not be published",
      "dist/fixtures/a.json is a fixture and must not be published",
      "dist/retry.test.js is a test file and must not be published",
      "src/index.ts is shipped but only package.json, README.md, LICENSE, CHANGELOG.md, dist belong there",
    ]);
  });

  it("flags source maps whose sources leave the package or are not shipped", () => {
    const map = (sources: string[], sourcesContent?: string[]) =>
      JSON.stringify({ version: 3, sources, sourcesContent, mappings: "" });
    const problems = contentProblems(
      fakePackage({
        ...base,
        "dist/index.js": "x\n//# sourceMappingURL=index.js.map\n",
        "dist/index.js.map": map(["../../../packages/core/src/index.ts"]),
        "dist/a.js.map": map(["../src/a.ts"]),
        "dist/b.js.map": map(["../src/b.ts"], ["export {}"]),
        "dist/c.js": "x\n//# sourceMappingURL=c.js.map\n",
      }),
    );
    expect(problems).toEqual([
      "dist/a.js.map: source map names ../src/a.ts, which is not shipped",
      "dist/c.js: sourceMappingURL c.js.map is not in the package",
      "dist/index.js.map: source map points outside the package (../../../packages/core/src/index.ts)",
    ]);
  });
});
