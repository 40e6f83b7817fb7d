import { UnsafeArchiveEntryError } from "../errors.js";

/**
 * Normalises a zip entry name to `/`-separated segments inside the archive's folder, or throws
 * {@link UnsafeArchiveEntryError} when it is absolute, carries a drive letter or NUL, or climbs
 * out with `..`. Backslashes count as separators (zips written on Windows use them); empty and
 * `.` segments are dropped.
 *
 * @example
 * ```ts
 * safeEntryName("Portability\\My Activity\\YouTube\\MyActivity.json"); // "Portability/My Activity/YouTube/MyActivity.json"
 * safeEntryName("../../etc/passwd"); // throws UnsafeArchiveEntryError
 * ```
 */
export function safeEntryName(entryName: string): string {
  if (entryName.includes("\0")) throw new UnsafeArchiveEntryError(entryName, "contains NUL");
  const name = entryName.replaceAll("\\", "/");
  if (name.startsWith("/")) throw new UnsafeArchiveEntryError(entryName, "absolute path");
  if (/^[A-Za-z]:/.test(name)) throw new UnsafeArchiveEntryError(entryName, "drive letter");
  const segments = name.split("/").filter((segment) => segment !== "" && segment !== ".");
  if (segments.includes("..")) {
    throw new UnsafeArchiveEntryError(entryName, "'..' would leave the archive's folder");
  }
  if (segments.length === 0) throw new UnsafeArchiveEntryError(entryName, "empty path");
  return segments.join("/") + (name.endsWith("/") ? "/" : "");
}
