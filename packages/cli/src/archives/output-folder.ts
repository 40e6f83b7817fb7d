import { randomBytes } from "node:crypto";
import { mkdir, open, rm } from "node:fs/promises";
import path from "node:path";

/**
 * Creates the output folder (mode 0700, parents too) and proves it takes a file, by writing,
 * syncing and removing a small probe. Run before a job starts, so a missing, read-only or
 * full disk costs no export and no one-time consent.
 *
 * @throws `ArchiveWriteError` (from `@dataportability/node`) naming the folder and the disk's
 * error code (`EACCES`, `EROFS`, `ENOSPC`, `ENOTDIR`, ...).
 * @example
 * ```ts
 * await prepareOutputFolder("/home/me/exports");
 * ```
 */
export async function prepareOutputFolder(folder: string): Promise<void> {
  const probe = path.join(folder, `.dataportability-write-check-${randomBytes(4).toString("hex")}`);
  try {
    await mkdir(folder, { recursive: true, mode: 0o700 });
    const handle = await open(probe, "wx", 0o600);
    try {
      await handle.writeFile("write check\n");
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch (error) {
    throw await asWriteError(error, folder);
  } finally {
    await rm(probe, { force: true }).catch(() => undefined);
  }
}

/** The system error codes that mean the disk or folder refused a write. */
const DISK_ERRORS = /^(ENOSPC|EDQUOT|EACCES|EPERM|EROFS|EIO|ENOTDIR|EEXIST|EISDIR|EFBIG)$/;

/**
 * A disk error as the `ArchiveWriteError` the command explains (exit code 7); any other error
 * (a network one included) as it is.
 *
 * @example
 * ```ts
 * await writeFile(file, text).catch(async (error) => { throw await asWriteError(error, file); });
 * ```
 */
export async function asWriteError(error: unknown, target: string): Promise<unknown> {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (typeof code !== "string" || !DISK_ERRORS.test(code)) return error;
  const { ArchiveWriteError } = await import("@dataportability/node");
  if (error instanceof ArchiveWriteError) return error;
  const file = (error as NodeJS.ErrnoException).path ?? target;
  return new ArchiveWriteError({ code, path: file }, { cause: error });
}
