/**
 * Where the archive catalog (spec/archive-schema/*.json) is read from: the working tree, another
 * folder, or a git revision. Shared by `pnpm spec:diff --catalog` and the spec package's
 * archive codegen.
 */
import { execFile } from "node:child_process";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import {
  type ArchiveService,
  parseArchiveService,
} from "../packages/spec/src/archive/archive-catalog.js";
import { REPO_ROOT, SpecSourceError } from "./spec-source.js";

export const ARCHIVE_CATALOG_DIR = join(REPO_ROOT, "spec", "archive-schema");
const CATALOG_PATH = "spec/archive-schema";

/** The resource groups a catalog file names, so an old file is read with its own groups. */
function groupsIn(value: unknown): string[] {
  const objects = (value as { objects?: { resourceGroups?: object }[] } | null)?.objects ?? [];
  return objects.flatMap((object) => Object.keys(object.resourceGroups ?? {}));
}

/**
 * Reads and checks a catalog. With `resourceGroups` the files are checked against them (the
 * pinned revision's, for codegen); without, against the groups they name (for diffs of old
 * catalogs). `source` is a folder or a git revision; undefined is the working tree.
 */
export async function loadArchiveCatalog(
  source?: string,
  resourceGroups?: readonly string[],
): Promise<ArchiveService[]> {
  const folder = source === undefined ? ARCHIVE_CATALOG_DIR : source;
  const texts = new Map<string, string>();
  if (
    await stat(folder).then(
      (s) => s.isDirectory(),
      () => false,
    )
  ) {
    for (const file of (await readdir(folder)).filter((name) => name.endsWith(".json")).sort()) {
      texts.set(file, await readFile(join(folder, file), "utf8"));
    }
  } else {
    const git = (...args: string[]) =>
      promisify(execFile)("git", args, { cwd: REPO_ROOT, maxBuffer: 64 * 2 ** 20 }).then(
        (r) => r.stdout,
      );
    const listing = await git("ls-tree", "--name-only", `${source}:${CATALOG_PATH}`).catch(() => {
      throw new SpecSourceError(
        `${source}: neither a folder nor a git revision that has ${CATALOG_PATH}/`,
      );
    });
    for (const file of listing
      .split("\n")
      .filter((name) => name.endsWith(".json"))
      .sort()) {
      texts.set(file, await git("show", `${source}:${CATALOG_PATH}/${file}`));
    }
  }
  return [...texts].map(([file, text]) => {
    const value: unknown = JSON.parse(text);
    return parseArchiveService(value, file, resourceGroups ?? groupsIn(value));
  });
}
