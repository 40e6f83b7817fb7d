import path from "node:path";
import type { ArchiveState, PortabilityClient } from "@dataportability/core";
import type { ArchiveEntry, DownloadEvent } from "@dataportability/node";
import { DownloadView } from "../output/download-view.js";
import { formatBytes } from "../output/format.js";
import type { CliContext } from "../program/cli-context.js";
import { asWriteError } from "./output-folder.js";

/**
 * One downloaded, verified archive and what it holds.
 *
 * @example
 * ```ts
 * const archive: FetchedArchive = {
 *   file: "archive-1.zip", path: "/tmp/x/archive-1.zip", bytes: 65536,
 *   crc32c: "yZRlqg==", sha256: "ab12…", resumed: false, skipped: false,
 *   entries: 12, uncompressedBytes: 204800, folders: ["My Activity"], sample: ["My Activity/YouTube/MyActivity.json"],
 * };
 * ```
 */
export interface FetchedArchive {
  file: string;
  path: string;
  bytes: number;
  crc32c: string;
  md5?: string | undefined;
  sha256?: string | undefined;
  /** Continued from a `.part` file of an earlier run. */
  resumed: boolean;
  /** Already in the folder and verified, so not downloaded again. */
  skipped: boolean;
  /** Files in the zip. */
  entries: number;
  uncompressedBytes: number;
  /** Top-level folders in the zip. */
  folders: string[];
  /** The first few file names. */
  sample: string[];
  /** Where it was extracted, with `--extract`. */
  extractedTo?: string | undefined;
}

/**
 * Options of {@link fetchArchives}.
 *
 * @example
 * ```ts
 * const options: FetchArchivesOptions = { folder: "./exports", extract: false };
 * ```
 */
export interface FetchArchivesOptions {
  folder: string;
  extract?: boolean;
  /** Ranged requests per large archive (`--slices`); the library's default when absent. */
  slices?: number | undefined;
  /** Called after each archive is complete (for the resume file). */
  onFileDone?: (file: string, bytes: number) => void | Promise<void>;
}

/**
 * Downloads a COMPLETE job's archives into a folder (resuming `.part` files, refreshing expired
 * links, verifying size and checksums), shows progress, then lists each zip's contents and
 * optionally extracts it.
 *
 * @example
 * ```ts
 * const archives = await fetchArchives(ctx, client, state, { folder: "./exports" });
 * ```
 */
export async function fetchArchives(
  ctx: CliContext,
  client: PortabilityClient,
  state: ArchiveState,
  options: FetchArchivesOptions,
): Promise<FetchedArchive[]> {
  const { downloadArchive, extractArchive, listArchiveEntries } = await import(
    "@dataportability/node"
  );
  const view = new DownloadView(ctx.out);
  const pending: Promise<void>[] = [];
  const onEvent = (event: DownloadEvent) => {
    switch (event.type) {
      case "file-start":
        view.fileStart(event.file, event.offset);
        break;
      case "progress":
        view.fileProgress(event.file, event.fileProgress, event.total);
        break;
      case "retry":
        view.fileNote(event.file, `retrying in ${Math.round(event.delayMs)} ms (${event.reason})`);
        break;
      case "urls-refreshed":
        view.fileNote(event.file, "download links expired; fetched fresh ones");
        break;
      case "file-complete":
        view.fileDone(event.file, event.bytes, event.skipped ? "already complete" : "verified");
        if (options.onFileDone)
          pending.push(Promise.resolve(options.onFileDone(event.file, event.bytes)));
        break;
    }
  };
  let result: import("@dataportability/node").DownloadArchiveResult;
  try {
    result = await downloadArchive({
      state,
      jobId: state.jobId,
      client,
      folder: options.folder,
      signal: ctx.signal,
      onEvent,
      sha256: true,
      ...(options.slices === undefined ? {} : { slices: options.slices }),
    });
  } catch (error) {
    throw await asWriteError(error, options.folder);
  } finally {
    view.stop();
    await Promise.allSettled(pending);
  }
  const archives: FetchedArchive[] = [];
  for (const file of result.files) {
    const entries = await listArchiveEntries(file.path);
    const files = entries.filter((entry: ArchiveEntry) => !entry.isDirectory);
    const archive: FetchedArchive = {
      file: file.name,
      path: file.path,
      bytes: file.bytes,
      crc32c: file.crc32c,
      md5: file.md5,
      sha256: file.sha256,
      resumed: file.resumed,
      skipped: file.skipped,
      entries: files.length,
      uncompressedBytes: files.reduce((sum, entry) => sum + entry.size, 0),
      folders: [...new Set(files.map((entry) => entry.name.split("/")[0] ?? ""))].filter(Boolean),
      sample: files.slice(0, 5).map((entry) => entry.name),
    };
    if (options.extract) {
      const target = path.join(options.folder, path.basename(file.name, path.extname(file.name)));
      await extractArchive(file.path, target, { overwrite: true, signal: ctx.signal });
      archive.extractedTo = target;
    }
    archives.push(archive);
  }
  return archives;
}

/** The checks an archive passed, as printed and reported in `--json`. */
function verifiedChecks(archive: FetchedArchive): string[] {
  return ["size", "crc32c", ...(archive.md5 ? ["md5"] : [])];
}

/**
 * One archive as the `--json` output of `export` and `download` reports it.
 *
 * @example
 * ```ts
 * out.data({ ok: true, archives: archives.map(archiveJson) });
 * ```
 */
export function archiveJson(archive: FetchedArchive) {
  return {
    file: archive.file,
    path: archive.path,
    bytes: archive.bytes,
    verified: verifiedChecks(archive),
    sha256: archive.sha256,
    resumed: archive.resumed,
    entries: archive.entries,
    uncompressedBytes: archive.uncompressedBytes,
    folders: archive.folders,
    extractedTo: archive.extractedTo,
  };
}

/**
 * Prints what each archive holds and how it was verified.
 *
 * @example
 * ```ts
 * printArchives(ctx.out, archives);
 * ```
 */
export function printArchives(ctx: CliContext, archives: readonly FetchedArchive[]): void {
  const { out } = ctx;
  const { c } = out;
  for (const archive of archives) {
    const checks = verifiedChecks(archive).join(" + ");
    const how = archive.skipped ? "already here" : archive.resumed ? "resumed" : "downloaded";
    out.result(
      `  ${c.bold(archive.file)}  ${formatBytes(archive.bytes)}  ${c.green(`✓ ${checks}`)}  ${c.dim(how)}`,
    );
    out.result(
      `    ${archive.entries} file${archive.entries === 1 ? "" : "s"}, ${formatBytes(archive.uncompressedBytes)} unpacked` +
        (archive.folders.length ? ` in ${archive.folders.join(", ")}` : ""),
    );
    for (const name of archive.sample) out.result(c.dim(`      ${name}`));
    if (archive.entries > archive.sample.length) {
      out.result(c.dim(`      … and ${archive.entries - archive.sample.length} more`));
    }
    if (archive.sha256) out.result(c.dim(`    sha256 ${archive.sha256}`));
    if (archive.extractedTo) out.result(`    extracted to ${archive.extractedTo}`);
  }
}
