import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import type { PackedPackage } from "./pack.js";

const requiredFiles = ["package.json", "README.md", "LICENSE"];
const allowedTopLevel = new Set(["package.json", "README.md", "LICENSE", "CHANGELOG.md", "dist"]);
const forbidden: { pattern: RegExp; why: string }[] = [
  { pattern: /\.(test|spec)\.[cm]?[jt]sx?$/, why: "a test file" },
  { pattern: /\.test-d\.[cm]?ts$/, why: "a type test" },
  { pattern: /(^|\/)(test|tests|__tests__|__snapshots__|__mocks__)\//, why: "a test folder" },
  { pattern: /(^|\/)(fixtures?|__fixtures__)\//, why: "a fixture" },
  { pattern: /\.snap$/, why: "a snapshot" },
  { pattern: /\.tsbuildinfo$/, why: "a TypeScript build cache" },
  { pattern: /(^|\/)\.env/, why: "an environment file" },
  { pattern: /\.tgz$/, why: "a tarball" },
  {
    pattern: /(^|\/)(tsconfig[^/]*\.json|tsup\.config\.[cm]?[jt]s|vitest\.config\.[cm]?[jt]s)$/,
    why: "build configuration",
  },
];

/** Source map problems: `sources` outside the package, or maps and map URLs that are missing. */
function sourceMapProblems(packed: PackedPackage): string[] {
  const problems: string[] = [];
  const root = packed.unpackedDir;
  const inside = (path: string) => !relative(root, path).startsWith("..");
  for (const file of packed.files) {
    const absolute = join(root, file);
    if (file.endsWith(".map")) {
      const map = JSON.parse(readFileSync(absolute, "utf8")) as {
        sources?: string[];
        sourceRoot?: string;
        sourcesContent?: (string | null)[];
      };
      (map.sources ?? []).forEach((source, index) => {
        const target = resolve(dirname(absolute), map.sourceRoot ?? "", source);
        if (!inside(target)) {
          problems.push(`${file}: source map points outside the package (${source})`);
        } else if (!existsSync(target) && !map.sourcesContent?.[index]) {
          problems.push(`${file}: source map names ${source}, which is not shipped`);
        }
      });
    } else if (/\.[cm]?js$/.test(file)) {
      const url = /\/\/# sourceMappingURL=(\S+)\s*$/.exec(readFileSync(absolute, "utf8"))?.[1];
      if (url && !url.startsWith("data:")) {
        const target = resolve(dirname(absolute), url);
        if (!inside(target) || !existsSync(target)) {
          problems.push(`${file}: sourceMappingURL ${url} is not in the package`);
        }
      }
    }
  }
  return problems;
}

/** What the tarball holds: only what users need, no tests, fixtures or stray source maps. */
export function contentProblems(packed: PackedPackage): string[] {
  const problems: string[] = [];
  for (const file of requiredFiles) {
    if (!packed.files.includes(file)) problems.push(`${file} is missing from the tarball`);
  }
  for (const file of packed.files) {
    const top = file.split("/")[0] ?? file;
    if (!allowedTopLevel.has(top)) {
      problems.push(`${file} is shipped but only ${[...allowedTopLevel].join(", ")} belong there`);
    }
    for (const { pattern, why } of forbidden) {
      if (pattern.test(file)) problems.push(`${file} is ${why} and must not be published`);
    }
  }
  return [...problems, ...sourceMapProblems(packed)];
}
