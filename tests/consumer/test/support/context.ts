import { inject } from "vitest";
import type { PackedPackage } from "../../src/pack.js";
import { listPublishedPackages } from "../../src/published-packages.js";

/** The packed packages and scratch project prepared by the global setup. */
export function consumerContext() {
  const context = inject("consumer");
  const all = listPublishedPackages();
  const packed: PackedPackage[] = context.packed.map((entry) => {
    const pkg = all.find((candidate) => candidate.name === entry.name);
    if (!pkg) throw new Error(`${entry.name} was packed but is no longer a published package`);
    return {
      pkg,
      tarball: entry.tarball,
      unpackedDir: entry.unpackedDir,
      files: entry.files,
      packMs: 0,
    };
  });
  return { ...context, packed, packages: packed.map((entry) => entry.pkg) };
}
