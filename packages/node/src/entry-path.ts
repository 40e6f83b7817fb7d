import path from "node:path";
import { UnsafeArchiveEntryError } from "./errors.js";

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
  if (entryName.includes("\0")) throw new UnsafeArchiveEntryError(entryName, "contains NUL");
  const name = entryName.replace(/\\/g, "/");
  if (name.startsWith("/")) throw new UnsafeArchiveEntryError(entryName, "absolute path");
  if (/^[A-Za-z]:/.test(name)) throw new UnsafeArchiveEntryError(entryName, "drive letter");
  const segments = name.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) {
    throw new UnsafeArchiveEntryError(entryName, "'..' would leave the target folder");
  }
  if (segments.length === 0) throw new UnsafeArchiveEntryError(entryName, "empty path");
  const base = path.resolve(root);
  const target = path.resolve(base, ...segments);
  const relative = path.relative(base, target);
  if (relative === "" || relative.startsWith("..") || path.isAbsolute(relative)) {
    throw new UnsafeArchiveEntryError(entryName, "resolves outside the target folder");
  }
  return target;
}
