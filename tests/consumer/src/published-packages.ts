import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { repoRoot } from "./repo.js";

/** One subpath of a package's `exports` map that points at code. */
export interface CodeEntry {
  /** `.` or `./oauth`. */
  subpath: string;
  /** What a user writes: `@dataportability/core` or `@dataportability/core/oauth`. */
  specifier: string;
  types: string | undefined;
  import: string | undefined;
  require: string | undefined;
}

/** A workspace package that is published to npm. */
export interface PublishedPackage {
  name: string;
  /** Absolute folder. */
  dir: string;
  /** Folder relative to the repo root, e.g. `packages/core`. */
  relativeDir: string;
  manifest: Manifest;
  entries: CodeEntry[];
  /** True when no entry has a `require` condition: checked with attw's `esm-only` profile. */
  esmOnly: boolean;
}

/** The fields of package.json these checks read. */
export interface Manifest {
  name: string;
  version: string;
  private?: boolean;
  description?: string;
  keywords?: string[];
  license?: string;
  repository?: { type?: string; url?: string; directory?: string } | string;
  engines?: Record<string, string>;
  type?: string;
  exports?: Record<string, unknown>;
  bin?: Record<string, string> | string;
  files?: string[];
  dependencies?: Record<string, string>;
  peerDependencies?: Record<string, string>;
  optionalDependencies?: Record<string, string>;
  devDependencies?: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
}

function entryOf(name: string, subpath: string, target: unknown): CodeEntry | undefined {
  const specifier = subpath === "." ? name : `${name}/${subpath.slice(2)}`;
  if (typeof target === "string") {
    return /\.[cm]?js$/.test(target)
      ? { subpath, specifier, types: undefined, import: target, require: undefined }
      : undefined;
  }
  if (target === null || typeof target !== "object") return undefined;
  const conditions = target as Record<string, unknown>;
  // A condition maps to a path, or to nested conditions: { import: { types, default } }.
  const pick = (key: string, from = conditions): string | undefined => {
    const value = from[key];
    if (typeof value === "string") return value;
    if (value && typeof value === "object") {
      return pick("default", value as Record<string, unknown>);
    }
    return undefined;
  };
  const nestedTypes = (key: string) => {
    const value = conditions[key];
    return value && typeof value === "object"
      ? pick("types", value as Record<string, unknown>)
      : undefined;
  };
  return {
    subpath,
    specifier,
    types: pick("types") ?? nestedTypes("import") ?? nestedTypes("require"),
    import: pick("import") ?? pick("default"),
    require: pick("require"),
  };
}

/** Reads one package folder; `undefined` when the package is private. */
export function readPublishedPackage(dir: string): PublishedPackage | undefined {
  const manifest = JSON.parse(readFileSync(join(dir, "package.json"), "utf8")) as Manifest;
  if (manifest.private) return undefined;
  const entries = Object.entries(manifest.exports ?? {})
    .filter(([subpath]) => subpath !== "./package.json")
    .map(([subpath, target]) => entryOf(manifest.name, subpath, target))
    .filter((entry): entry is CodeEntry => entry !== undefined);
  return {
    name: manifest.name,
    dir,
    relativeDir: dir.slice(repoRoot.length + 1),
    manifest,
    entries,
    esmOnly: entries.every((entry) => entry.require === undefined),
  };
}

/** Every non-private package under `packages/`, sorted by name. */
export function listPublishedPackages(): PublishedPackage[] {
  const packagesDir = join(repoRoot, "packages");
  return readdirSync(packagesDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => readPublishedPackage(join(packagesDir, entry.name)))
    .filter((pkg): pkg is PublishedPackage => pkg !== undefined)
    .sort((a, b) => a.name.localeCompare(b.name));
}
