import { mkdirSync } from "node:fs";
import { join } from "node:path";
import type { PublishedPackage } from "./published-packages.js";
import { pnpmCommand, run } from "./repo.js";

/** A package packed by `pnpm pack` (which rewrites `workspace:` ranges) and unpacked again. */
export interface PackedPackage {
  pkg: PublishedPackage;
  /** Absolute path of the `.tgz`. */
  tarball: string;
  /** Folder holding the unpacked tarball contents (what npm puts in node_modules). */
  unpackedDir: string;
  /** Every path in the tarball, relative to the package root. */
  files: string[];
  /** Milliseconds spent packing and unpacking. */
  packMs: number;
}

/**
 * Packs one package with `pnpm pack` into `destination` and unpacks the tarball beside it, so
 * every later check reads exactly what npm would install.
 */
export async function packPackage(
  pkg: PublishedPackage,
  destination: string,
): Promise<PackedPackage> {
  const started = performance.now();
  const pnpm = pnpmCommand();
  const packed = await run(
    pnpm.file,
    [...pnpm.args, "pack", "--pack-destination", destination, "--json"],
    { cwd: pkg.dir },
  );
  if (packed.code !== 0) {
    throw new Error(`pnpm pack failed in ${pkg.relativeDir}:\n${packed.stderr}${packed.stdout}`);
  }
  const report = JSON.parse(packed.stdout.slice(packed.stdout.indexOf("{"))) as {
    filename: string;
    files: { path: string }[];
  };
  const unpackedDir = join(destination, "unpacked", pkg.name.replace("@", "").replace("/", "-"));
  mkdirSync(unpackedDir, { recursive: true });
  const untar = await run("tar", ["-xzf", report.filename, "-C", unpackedDir], {
    cwd: destination,
  });
  if (untar.code !== 0)
    throw new Error(`tar could not unpack ${report.filename}:\n${untar.stderr}`);
  return {
    pkg,
    tarball: report.filename,
    unpackedDir: join(unpackedDir, "package"),
    files: report.files.map((file) => file.path).sort(),
    packMs: performance.now() - started,
  };
}

/** Packs several packages one after the other (pnpm pack is quick; the CPU is shared). */
export async function packAll(
  packages: readonly PublishedPackage[],
  destination: string,
): Promise<PackedPackage[]> {
  mkdirSync(destination, { recursive: true });
  const packed: PackedPackage[] = [];
  for (const pkg of packages) packed.push(await packPackage(pkg, destination));
  return packed;
}
