import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { readPublishedPackage } from "./published-packages.js";

const root = mkdtempSync(join(tmpdir(), "dp-published-"));
afterAll(() => rmSync(root, { recursive: true, force: true }));

function pkg(manifest: object) {
  const dir = join(root, String(Math.random()).slice(2));
  mkdirSync(dir);
  writeFileSync(join(dir, "package.json"), JSON.stringify({ version: "0.0.0", ...manifest }));
  return readPublishedPackage(dir);
}

describe("readPublishedPackage", () => {
  it("skips private packages", () => {
    expect(pkg({ name: "x", private: true })).toBeUndefined();
  });

  it("reads flat and nested conditions and tells dual packages from ESM-only ones", () => {
    const dual = pkg({
      name: "@s/dual",
      exports: {
        ".": {
          import: { types: "./dist/index.d.ts", default: "./dist/index.js" },
          require: { types: "./dist/index.d.cts", default: "./dist/index.cjs" },
        },
        "./oauth": { types: "./dist/oauth.d.ts", import: "./dist/oauth.js" },
        "./openapi.json": "./dist/openapi.json",
        "./package.json": "./package.json",
      },
    })!;
    expect(dual.entries).toEqual([
      {
        subpath: ".",
        specifier: "@s/dual",
        types: "./dist/index.d.ts",
        import: "./dist/index.js",
        require: "./dist/index.cjs",
      },
      {
        subpath: "./oauth",
        specifier: "@s/dual/oauth",
        types: "./dist/oauth.d.ts",
        import: "./dist/oauth.js",
        require: undefined,
      },
    ]);
    expect(dual.esmOnly).toBe(false);
    const esm = pkg({ name: "esm", exports: { ".": { types: "./a.d.ts", import: "./a.js" } } })!;
    expect(esm.esmOnly).toBe(true);
  });
});
