import { describe, expect, it } from "vitest";
import { importedSpecifiers, packageNameOf } from "./dependency-check.js";

describe("packageNameOf", () => {
  it("reduces specifiers to package names and ignores relative paths and built-ins", () => {
    expect(packageNameOf("@dataportability/core/oauth")).toBe("@dataportability/core");
    expect(packageNameOf("msw/node")).toBe("msw");
    expect(packageNameOf("./x.js")).toBeUndefined();
    expect(packageNameOf("node:fs")).toBeUndefined();
    expect(packageNameOf("fs/promises")).toBeUndefined();
  });
});

describe("importedSpecifiers", () => {
  it("finds imports, re-exports, requires, dynamic imports and type references, not comments", () => {
    const source = [
      `/// <reference types="node" />`,
      `import { a } from "openapi-fetch";`,
      `export * from "./x.js";`,
      `const y = require("yauzl");`,
      `const z = await import("p-limit");`,
      `/** @example import { b } from "vitest"; */`,
      `// import "commented-out";`,
      `export type { C } from "@dataportability/spec";`,
    ].join("\n");
    expect(importedSpecifiers(source).sort()).toEqual(
      ["./x.js", "@dataportability/spec", "node", "openapi-fetch", "p-limit", "yauzl"].sort(),
    );
  });
});
