import path from "node:path";
import { safeEntryName, UnsafeArchiveEntryError } from "@dataportability/archive";

/**
 * Resolves a zip entry name to a path inside `root`, or throws {@link UnsafeArchiveEntryError}
 * when the name is absolute, carries a drive letter or NUL, or climbs out with `..` (zip slip).
 *
 * Backslashes are read as separators (zips written on Windows use them). Empty and `.`
 * segments are dropped. The result is checked again after resolution, so no spelling of a
 * name can escape `root`.
 *
 * @param root - The extraction folder (absolute or relative to the working directory).
 * @param entryName - The entry name as stored in the zip.
 * @returns The absolute target path.
 * @example
 * ```ts
 * resolveEntryPath("/tmp/out", "Takeout/YouTube/history.json"); // "/tmp/out/Takeout/YouTube/history.json"
 * resolveEntryPath("/tmp/out", "../../etc/passwd");              // throws UnsafeArchiveEntryError
 * ```
 */
export function resolveEntryPath(root: string, entryName: string): string {
  const segments = safeEntryName(entryName).split("/").filter(Boolean);
  const base = path.resolve(root);
  const target = path.resolve(base, ...segments);
  const relative = path.relative(base, target);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) {
    throw new UnsafeArchiveEntryError(entryName, "resolves outside the target folder");
  }
  return target;
}
