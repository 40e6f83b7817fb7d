import { readFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import ts from "typescript";
import type { PackedPackage } from "./pack.js";
import type { Manifest } from "./published-packages.js";

const builtins = new Set(builtinModules);

/** `@scope/name/sub` -> `@scope/name`; `name/sub` -> `name`; relative or builtin -> undefined. */
export function packageNameOf(specifier: string): string | undefined {
  if (specifier.startsWith(".") || specifier.startsWith("/") || specifier.startsWith("node:")) {
    return undefined;
  }
  const parts = specifier.split("/");
  const name = specifier.startsWith("@") ? parts.slice(0, 2).join("/") : parts[0];
  return name && !builtins.has(name) ? name : undefined;
}

/** Module specifiers a shipped file imports, requires or references, comments excluded. */
export function importedSpecifiers(source: string): string[] {
  const info = ts.preProcessFile(source, true, true);
  return [...info.importedFiles, ...info.typeReferenceDirectives].map((ref) => ref.fileName);
}

/**
 * Bare imports in the shipped JavaScript and declaration files that package.json does not
 * declare: they work inside the workspace and break for users.
 */
export function undeclaredImports(packed: PackedPackage): string[] {
  const manifest = JSON.parse(
    readFileSync(join(packed.unpackedDir, "package.json"), "utf8"),
  ) as Manifest;
  const declared = new Set([
    manifest.name,
    ...Object.keys(manifest.dependencies ?? {}),
    ...Object.keys(manifest.peerDependencies ?? {}),
    ...Object.keys(manifest.optionalDependencies ?? {}),
  ]);
  const problems: string[] = [];
  for (const file of packed.files.filter((name) => /\.(d\.[cm]?ts|[cm]?js)$/.test(name))) {
    const isDeclaration = /\.d\.[cm]?ts$/.test(file);
    for (const specifier of importedSpecifiers(
      readFileSync(join(packed.unpackedDir, file), "utf8"),
    )) {
      const name = packageNameOf(specifier);
      if (name === undefined || declared.has(name)) continue;
      // Declarations may reference @types packages of declared dependencies (e.g. "node").
      if (isDeclaration && (name === "node" || declared.has(`@types/${name}`))) continue;
      problems.push(`${file} imports "${specifier}" but ${name} is not a dependency or peer`);
    }
  }
  return problems;
}
