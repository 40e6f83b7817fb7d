import type { Readable } from "node:stream";
import {
  ARCHIVE_LIMIT_DEFAULTS,
  type ArchiveLimits,
  RATIO_CHECK_FLOOR_BYTES,
} from "@dataportability/archive";
import type { Entry, ZipFile } from "yauzl";
import { loadYauzl } from "../commonjs-deps.js";
import { ArchiveTooLargeError } from "../errors.js";

// Declared sizes are checked before any data is read, and every entry is inflated with yauzl's
// size validation, so an entry cannot produce more bytes than it declares.
export type { ArchiveLimits };

/**
 * One entry of a zip archive, as listed by {@link listArchiveEntries}.
 *
 * @example
 * ```ts
 * const entry: ArchiveEntry = {
 *   name: "Takeout/YouTube/history.json", size: 2048, compressedSize: 512,
 *   isDirectory: false, isSymlink: false, modifiedAt: new Date(), crc32: 0x1234abcd,
 * };
 * ```
 */
export interface ArchiveEntry {
  /** The entry's path inside the zip, `/`-separated, exactly as decoded (not yet validated). */
  name: string;
  /** Uncompressed size declared by the zip, in bytes. */
  size: number;
  /** Compressed size, in bytes. */
  compressedSize: number;
  /** True for folder entries (names ending in `/`). */
  isDirectory: boolean;
  /** True when the entry is stored as a symbolic link (never extracted). */
  isSymlink: boolean;
  /** Last modification time recorded in the zip. */
  modifiedAt: Date;
  /** CRC-32 of the uncompressed data, as declared. */
  crc32: number;
}

/** Opens a zip with strings left raw, so names are decoded here and never rejected silently. */
export async function openZip(zipPath: string): Promise<ZipFile> {
  return loadYauzl().openPromise(zipPath, { autoClose: false, decodeStrings: false });
}

/** Converts a raw yauzl entry into an {@link ArchiveEntry}. */
export function describeEntry(entry: Entry): ArchiveEntry {
  const name = loadYauzl().getFileNameLowLevel(
    entry.generalPurposeBitFlag,
    entry.fileNameRaw,
    entry.extraFields,
    false,
  );
  const unixMode = (entry.externalFileAttributes >>> 16) & 0o170000;
  return {
    name,
    size: entry.uncompressedSize,
    compressedSize: entry.compressedSize,
    isDirectory: name.endsWith("/"),
    isSymlink: unixMode === 0o120000,
    modifiedAt: entry.getLastModDate(),
    crc32: entry.crc32,
  };
}

/** Walks the central directory, applying the declared-size guards. */
export async function* readEntries(
  zip: ZipFile,
  zipSize: number,
  limits: ArchiveLimits = {},
): AsyncGenerator<[ArchiveEntry, Entry]> {
  const { maxEntries, maxEntryBytes, maxTotalBytes, maxRatio } = {
    ...ARCHIVE_LIMIT_DEFAULTS,
    ...limits,
  };
  if (zip.entryCount > maxEntries) {
    throw new ArchiveTooLargeError("maxEntries", maxEntries, zip.entryCount);
  }
  let total = 0;
  for await (const raw of zip.eachEntry()) {
    const entry = describeEntry(raw);
    if (entry.size > maxEntryBytes) {
      throw new ArchiveTooLargeError("maxEntryBytes", maxEntryBytes, entry.size, entry.name);
    }
    total += entry.size;
    if (total > maxTotalBytes)
      throw new ArchiveTooLargeError("maxTotalBytes", maxTotalBytes, total);
    if (total > RATIO_CHECK_FLOOR_BYTES && total / Math.max(zipSize, 1) > maxRatio) {
      throw new ArchiveTooLargeError("maxRatio", maxRatio, Math.round(total / zipSize));
    }
    yield [entry, raw];
  }
}

/**
 * Lists the entries of a zip archive without reading their data.
 *
 * Names are decoded (CP437 or UTF-8, plus the Info-ZIP Unicode path field) but not validated;
 * {@link extractArchive} refuses unsafe ones. The size guards of `limits` apply.
 *
 * @param zipPath - Path of a downloaded archive.
 * @param limits - Zip-bomb guards ({@link ArchiveLimits}).
 * @returns Every entry, in central-directory order.
 * @example
 * ```ts
 * for (const entry of await listArchiveEntries("./export/archive-001.zip")) {
 *   console.log(entry.name, entry.size);
 * }
 * ```
 */
export async function listArchiveEntries(
  zipPath: string,
  limits?: ArchiveLimits,
): Promise<ArchiveEntry[]> {
  const zip = await openZip(zipPath);
  try {
    const entries: ArchiveEntry[] = [];
    for await (const [entry] of readEntries(zip, zip.fileSize, limits)) entries.push(entry);
    return entries;
  } finally {
    zip.close();
  }
}

/**
 * Streams the uncompressed data of one entry. The zip file stays open until the stream ends
 * or is destroyed. The stream errors if the data inflates past the declared size.
 *
 * @param zipPath - Path of a downloaded archive.
 * @param entryName - The entry's name as returned by {@link listArchiveEntries}.
 * @param limits - Zip-bomb guards ({@link ArchiveLimits}).
 * @returns A readable stream of the entry's bytes.
 * @throws Error with `code: "ENOENT"` when no entry has that name.
 * @example
 * ```ts
 * import { pipeline } from "node:stream/promises";
 * import { createWriteStream } from "node:fs";
 *
 * const stream = await openArchiveEntry("archive.zip", "Takeout/YouTube/history.json");
 * await pipeline(stream, createWriteStream("history.json"));
 * ```
 */
export async function openArchiveEntry(
  zipPath: string,
  entryName: string,
  limits?: ArchiveLimits,
): Promise<Readable> {
  const zip = await openZip(zipPath);
  try {
    for await (const [entry, raw] of readEntries(zip, zip.fileSize, limits)) {
      if (entry.name !== entryName || entry.isDirectory) continue;
      return await zip.openReadStreamPromise(raw);
    }
    throw Object.assign(new Error(`No entry named ${JSON.stringify(entryName)} in ${zipPath}`), {
      code: "ENOENT",
    });
  } finally {
    // The file descriptor stays open until the returned stream has been read or destroyed.
    zip.close();
  }
}
