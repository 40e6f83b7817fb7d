import { randomUUID } from "node:crypto";
import { chmod, copyFile, mkdir, rename, rm } from "node:fs/promises";
import path from "node:path";
import { InvalidArgumentError } from "@dataportability/core";
import type { StorageSink } from "./storage-sink.js";

/**
 * Options of {@link localFolderSink}.
 *
 * @example
 * ```ts
 * const options: LocalFolderSinkOptions = { fileMode: 0o640 };
 * ```
 */
export interface LocalFolderSinkOptions {
  /** Mode of stored files. Default `0o600` (archives hold personal data). */
  fileMode?: number;
  /** Mode of created folders. Default `0o700`. */
  dirMode?: number;
}

/**
 * The default sink: copies each archive to `<folder>/<key>` (a temporary name first, renamed
 * into place, so a file under its final name is always complete). Keys that would leave the
 * folder are refused.
 *
 * @example
 * ```ts
 * const worker = createExportWorker({
 *   connection,
 *   auth: (userId) => tokens.get(userId),
 *   sink: localFolderSink("/srv/exports"),
 * });
 * ```
 */
export function localFolderSink(folder: string, options: LocalFolderSinkOptions = {}): StorageSink {
  if (typeof folder !== "string" || folder.trim() === "") {
    throw new InvalidArgumentError("folder", "missing", "a folder path");
  }
  const root = path.resolve(folder);
  const fileMode = options.fileMode ?? 0o600;
  const dirMode = options.dirMode ?? 0o700;
  return {
    async put(file, { signal }) {
      signal.throwIfAborted();
      const target = path.resolve(root, file.key);
      if (!target.startsWith(root + path.sep)) {
        throw new InvalidArgumentError(
          "key",
          `${JSON.stringify(file.key)} leaves the folder ${root}`,
          "a relative key inside the folder",
        );
      }
      await mkdir(path.dirname(target), { recursive: true, mode: dirMode });
      const temp = `${target}.${randomUUID()}.tmp`;
      try {
        await copyFile(file.path, temp);
        await chmod(temp, fileMode);
        await rename(temp, target);
      } catch (error) {
        await rm(temp, { force: true });
        throw error;
      }
      return { location: target };
    },
  };
}
