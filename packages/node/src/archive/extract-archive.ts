import { createWriteStream } from "node:fs";
import { lstat, mkdir, realpath } from "node:fs/promises";
import path from "node:path";
import { pipeline } from "node:stream/promises";
import { UnsafeArchiveEntryError } from "../errors.js";
import { type ArchiveLimits, openZip, readEntries } from "./archive-reader.js";
import { resolveEntryPath } from "./entry-path.js";

/**
 * Options of {@link extractArchive}.
 *
 * @example
 * ```ts
 * const options: ExtractArchiveOptions = { overwrite: true, maxTotalBytes: 50 * 2 ** 30 };
 * ```
 */
export interface ExtractArchiveOptions extends ArchiveLimits {
  /** Replace files that already exist in the target folder. Default `false` (fails on the first one). */
  overwrite?: boolean;
  /** Extract only the entries for which this returns true (names as listed). */
  filter?: (entryName: string) => boolean;
  /** Stops extraction; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
}

/**
 * What {@link extractArchive} wrote.
 *
 * @example
 * ```ts
 * const result: ExtractArchiveResult = { files: ["/out/Takeout/a.json"], bytes: 1024 };
 * ```
 */
export interface ExtractArchiveResult {
  /** Absolute paths of the files written, in archive order. */
  files: string[];
  /** Uncompressed bytes written. */
  bytes: number;
}

/**
 * Extracts every entry of a zip archive into `dir`, streaming one entry at a time.
 *
 * Before writing anything, every entry name is validated: an entry that would land outside
 * `dir` (absolute path, drive letter, `..`) or is a symbolic link fails the whole extraction
 * with {@link UnsafeArchiveEntryError}; declared sizes beyond the limits fail it with
 * {@link ArchiveTooLargeError}. Folders are created with mode 0700 and files with 0600, since
 * archives hold personal data. A folder that turns out (through a symbolic link already on
 * disk) to resolve outside `dir` is refused too.
 *
 * @param zipPath - Path of a downloaded archive.
 * @param dir - Target folder; created if missing.
 * @param options - Overwrite, filter, abort signal and zip-bomb limits.
 * @returns The files written and their total size.
 * @example
 * ```ts
 * const { files, bytes } = await extractArchive("./export/archive-001.zip", "./export/archive-001");
 * console.log(`${files.length} files, ${bytes} bytes`);
 * ```
 */
export async function extractArchive(
  zipPath: string,
  dir: string,
  options: ExtractArchiveOptions = {},
): Promise<ExtractArchiveResult> {
  const { overwrite = false, filter, signal, ...limits } = options;
  signal?.throwIfAborted();
  const root = path.resolve(dir);
  const zip = await openZip(zipPath);
  try {
    // First pass: validate every name and declared size before writing a byte.
    const plan: { entryName: string; target: string; isDirectory: boolean }[] = [];
    for await (const [entry] of readEntries(zip, zip.fileSize, limits)) {
      const target = resolveEntryPath(root, entry.name);
      if (entry.isSymlink) {
        throw new UnsafeArchiveEntryError(entry.name, "symbolic links are not extracted");
      }
      if (filter && !filter(entry.name)) continue;
      plan.push({ entryName: entry.name, target, isDirectory: entry.isDirectory });
    }
    zip.close();
    return await writeEntries(zipPath, root, plan, overwrite, limits, signal);
  } finally {
    if (zip.isOpen) zip.close();
  }
}

async function writeEntries(
  zipPath: string,
  root: string,
  plan: { entryName: string; target: string; isDirectory: boolean }[],
  overwrite: boolean,
  limits: ArchiveLimits,
  signal: AbortSignal | undefined,
): Promise<ExtractArchiveResult> {
  await mkdir(root, { recursive: true, mode: 0o700 });
  const realRoot = await realpath(root);
  const wanted = new Map(plan.map((item) => [item.entryName, item]));
  const result: ExtractArchiveResult = { files: [], bytes: 0 };
  const zip = await openZip(zipPath);
  try {
    for await (const [entry, raw] of readEntries(zip, zip.fileSize, limits)) {
      signal?.throwIfAborted();
      const item = wanted.get(entry.name);
      if (!item) continue;
      const folder = item.isDirectory ? item.target : path.dirname(item.target);
      await mkdir(folder, { recursive: true, mode: 0o700 });
      const realFolder = await realpath(folder);
      if (realFolder !== realRoot && !realFolder.startsWith(realRoot + path.sep)) {
        throw new UnsafeArchiveEntryError(entry.name, "a folder on disk links outside the target");
      }
      if (item.isDirectory) continue;
      if (overwrite && (await isSymlink(item.target))) {
        throw new UnsafeArchiveEntryError(entry.name, "the file on disk is a symbolic link");
      }
      const source = await zip.openReadStreamPromise(raw);
      source.on("data", (chunk: Buffer) => {
        result.bytes += chunk.byteLength;
      });
      await pipeline(
        source,
        createWriteStream(item.target, { flags: overwrite ? "w" : "wx", mode: 0o600 }),
        { signal },
      );
      result.files.push(item.target);
    }
    return result;
  } finally {
    zip.close();
  }
}

async function isSymlink(file: string): Promise<boolean> {
  try {
    return (await lstat(file)).isSymbolicLink();
  } catch {
    return false;
  }
}
