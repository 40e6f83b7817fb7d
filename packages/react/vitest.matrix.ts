import { readFileSync, realpathSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** What a matrix entry swaps: the peers, and Testing Library, which renders with React DOM. */
const SWAPPED = ["react", "react-dom", "@tanstack/react-query", "@testing-library/react"] as const;

/** One entry of the version matrix: its name, aliases and the versions it must load. */
export interface MatrixEntry {
  name: string;
  alias: Record<string, string>;
  versions: { react: string; query: string };
}

const packageDir = dirname(fileURLToPath(import.meta.url));

/** The folder of `name` as `from`'s dependencies resolve it (through pnpm's links). */
function installed(from: string, name: string): string {
  const manifest = createRequire(join(from, "package.json")).resolve(`${name}/package.json`);
  return realpathSync(dirname(manifest));
}

const versionOf = (dir: string) =>
  (JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as { version: string }).version;

/**
 * A matrix entry: the hook tests run with React, React DOM, TanStack Query and Testing Library
 * as the package at `from` pins them.
 */
export function matrixEntry(from: string): MatrixEntry {
  const alias = Object.fromEntries(SWAPPED.map((name) => [name, installed(from, name)]));
  const versions = {
    react: versionOf(alias["react"]!),
    query: versionOf(alias["@tanstack/react-query"]!),
  };
  return { name: `React ${versions.react} · TanStack Query ${versions.query}`, alias, versions };
}

/** This package (the newest versions), and the one that pins the lowest its peer ranges allow. */
export const matrixSources = {
  newest: packageDir,
  lowest: installed(packageDir, "@dataportability/react-floor-deps"),
};
