import type { Readable } from "node:stream";

/**
 * One verified archive file, downloaded to local disk, for a {@link StorageSink} to keep.
 *
 * @example
 * ```ts
 * async function put(file: ArchiveFileToStore) {
 *   await s3.send(new PutObjectCommand({ Bucket, Key: file.key, Body: file.open(), ContentLength: file.size }));
 *   return { location: `s3://${Bucket}/${file.key}` };
 * }
 * ```
 */
export interface ArchiveFileToStore {
  /**
   * A relative key, `<user>/<exportId>/<fileName>`, made only of safe characters (the user ID
   * is percent-encoded). Unique per export and file; reuse it so a repeated `put` overwrites.
   */
  key: string;
  /** The user the archive belongs to. */
  userId: string;
  /** The export it comes from. */
  exportId: string;
  /** The archive job that produced it. */
  archiveJobId: string;
  /** Position among the archive job's files. */
  index: number;
  /** Safe file name derived from the URL path. */
  fileName: string;
  /** Absolute path of the local file; removed after every file of the export is stored. */
  path: string;
  /** Size in bytes. */
  size: number;
  /** Hex SHA-256. */
  sha256: string;
  /** Base64 CRC32C (verified against the storage server's `x-goog-hash`). */
  crc32c: string;
  /** Base64 MD5, when the storage server announced one. */
  md5?: string;
  /** A fresh read stream of the file. */
  open(): Readable;
}

/**
 * Where the archives end up. Implement it for object storage; {@link localFolderSink} is the
 * default. `put` must be idempotent (a crash may repeat it with the same key and bytes) and
 * must resolve only once the object is durably stored: the pipeline then records it in Redis
 * and may call `authorization.reset`.
 *
 * @example
 * ```ts
 * const gcsSink: StorageSink = {
 *   async put(file, { signal }) {
 *     await bucket.upload(file.path, { destination: file.key, validation: "crc32c", signal });
 *     return { location: `gs://my-bucket/${file.key}` };
 *   },
 * };
 * ```
 */
export interface StorageSink {
  /** Stores one file; `signal` aborts when the worker shuts down. */
  put(
    file: ArchiveFileToStore,
    options: { signal: AbortSignal },
  ): Promise<{
    /** Where the object is now, for your records (never a signed URL). */
    location: string;
  }>;
}
