import { rename, rm, stat } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { ArchiveHasher } from "./archive-hasher.js";
import type { DownloadContext } from "./download-context.js";
import type { DownloadedFile } from "./download-events.js";
import { ArchiveVerificationError } from "./errors.js";
import { type ObjectHashes, parseGoogHash } from "./goog-hash.js";
import {
  hashFilePrefix,
  type PartPaths,
  partPaths,
  readSidecar,
  removePart,
  writeSidecar,
} from "./part-file.js";
import { PartFileWriter } from "./part-file-writer.js";
import { notAnArchive, parseContentRange, redactUrl } from "./storage-request.js";
import { numberHeader, reasonOf, StorageRequester } from "./storage-requester.js";

interface Expected extends ObjectHashes {
  size?: number;
  etag?: string;
}

/** Downloads, verifies and renames into place the archive file `index`, resuming any `.part`. */
export async function downloadFile(
  ctx: DownloadContext,
  index: number,
  name: string,
  finalPath: string,
): Promise<DownloadedFile> {
  const paths = partPaths(finalPath);
  const key = redactUrl(ctx.urls.get(index));
  const file = new FileDownload(ctx, index, name, paths, key);
  if (!ctx.replaceExisting && (await sizeOf(paths.final)) !== undefined) {
    const existing = await file.verifyExisting();
    if (existing) return existing;
  }
  return file.download();
}

class FileDownload {
  readonly #requests: StorageRequester;

  constructor(
    private readonly ctx: DownloadContext,
    private readonly index: number,
    private readonly name: string,
    private readonly paths: PartPaths,
    private readonly key: string,
  ) {
    this.#requests = new StorageRequester(ctx, index, name, key);
  }

  /** A final file already there: keep it when size and checksums match the server's. */
  async verifyExisting(): Promise<DownloadedFile | undefined> {
    const localSize = (await sizeOf(this.paths.final)) ?? -1;
    const response = await this.#requests.open(0, 0);
    const total =
      response.statusCode === 200
        ? Number(response.headers["content-length"] ?? Number.NaN)
        : parseContentRange(response.headers["content-range"])?.total;
    const announced = parseGoogHash(response.headers["x-goog-hash"]);
    response.destroy();
    if (total !== localSize || (!announced.crc32c && !announced.md5)) return undefined;
    const hasher = this.#hasher(this.#wantsMd5(announced));
    await hashFilePrefix(this.paths.final, localSize, hasher, this.ctx.signal);
    const digest = hasher.digest();
    if (announced.crc32c && digest.crc32c !== announced.crc32c) return undefined;
    if (digest.md5 !== undefined && digest.md5 !== announced.md5) return undefined;
    await removePart(this.paths);
    this.ctx.tracker.start(this.name, { totalBytes: localSize, bytes: localSize });
    this.ctx.emit({
      type: "file-complete",
      file: this.name,
      path: this.paths.final,
      bytes: localSize,
      skipped: true,
    });
    return this.#result(digest, false, true);
  }

  async download(): Promise<DownloadedFile> {
    const { ctx, paths } = this;
    const sidecar = await readSidecar(paths.sidecar);
    const partSize = await sizeOf(paths.part);
    let offset = 0;
    let expected: Expected = {};
    if (
      sidecar?.url === this.key &&
      partSize !== undefined &&
      partSize <= (sidecar.size ?? Infinity)
    ) {
      offset = partSize;
      expected = sidecar;
    } else {
      await removePart(paths);
    }
    let hasher = this.#hasher(this.#wantsMd5(expected));
    await hashFilePrefix(paths.part, offset, hasher, ctx.signal);
    let resumed = offset > 0;
    ctx.tracker.start(this.name, { bytes: offset, totalBytes: expected.size });
    ctx.emit({ type: "file-start", file: this.name, index: this.index, url: this.key, offset });

    let lastEmit = -Infinity;
    const onWritten = (bytes: number) => {
      ctx.tracker.add(this.name, bytes);
      const now = ctx.clock.now();
      if (now - lastEmit >= ctx.progressIntervalMs) {
        lastEmit = now;
        this.#emitProgress();
      }
    };
    const restart = () => {
      offset = 0;
      expected = {};
      hasher = this.#hasher(false);
      ctx.tracker.update(this.name, { bytes: 0 });
    };

    for (;;) {
      // The writer is ready before the request so the body is consumed the moment it
      // arrives: bytes received before a connection reset are then kept, not dropped.
      let writer = await PartFileWriter.open(paths.part, offset, hasher, onWritten);
      let response: IncomingMessage;
      try {
        response = await this.#requests.open(offset);
      } catch (error) {
        await writer.close();
        throw error;
      }
      const status = response.statusCode ?? 0;
      const range = parseContentRange(response.headers["content-range"]);
      const total =
        status === 206 ? range?.total : numberHeader(response.headers["content-length"]);
      const announced = parseGoogHash(response.headers["x-goog-hash"]);
      const etag = stringHeader(response.headers["etag"]);
      const restartWith = async () => {
        await writer.close();
        restart();
        writer = await PartFileWriter.open(paths.part, 0, hasher, onWritten);
      };
      if (status === 416) {
        response.destroy();
        await writer.close();
        if (offset > 0 && range?.total === offset) break;
        restart();
        continue;
      }
      if (status === 206 && range?.start !== offset) {
        response.destroy();
        await writer.close();
        await this.#requests.failed("the server answered a different range", offset, 0);
        restart();
        continue;
      }
      const problem = notAnArchive(status, response.headers);
      if (problem !== undefined) {
        response.destroy();
        await writer.close();
        // Bytes of an earlier, verified answer stay for a later resume; a file this
        // answer would have started is not left behind.
        if (offset === 0) await removePart(paths);
        throw this.#requests.error(
          "not-an-archive",
          `storage answered HTTP ${status} with ${problem}: not the archive (a captive portal or proxy page?); none of it was saved`,
          status,
        );
      }
      const md5Missing = this.#wantsMd5({ ...expected, ...announced }) && !hasher.hasMd5;
      if (offset > 0 && (md5Missing || changed(expected, { size: total, etag, ...announced }))) {
        response.destroy();
        await writer.close();
        restart();
        continue;
      }
      // A 200 to a ranged request: the server ignored Range, so this body starts at byte 0.
      if (status === 200 && offset > 0) await restartWith();
      if (status === 206 && offset > 0) resumed = true;
      if (offset === 0 && this.#wantsMd5({ ...expected, ...announced })) hasher.enableMd5();
      expected = { ...expected, ...definedOnly({ size: total, etag, ...announced }) };
      ctx.tracker.update(this.name, { totalBytes: expected.size, bytes: offset });
      const sidecarWritten = writeSidecar(paths.sidecar, {
        version: 1,
        url: this.key,
        ...expected,
      });
      const before = offset;
      const startedAt = ctx.clock.now();
      const failure = await writer.receive(response, ctx.signal);
      await sidecarWritten;
      offset = writer.position;
      this.#requests.recordTransfer(offset - before, ctx.clock.now() - startedAt);
      if (ctx.signal.aborted) throw ctx.signal.reason;
      if (failure !== undefined) {
        await this.#requests.failed(reasonOf(failure), offset, offset - before);
        continue;
      }
      if (expected.size !== undefined && offset < expected.size) {
        await this.#requests.failed(
          "the connection closed before the end of the file",
          offset,
          offset - before,
        );
        continue;
      }
      break;
    }

    const digest = hasher.digest();
    await this.#verify(digest, expected);
    await rename(paths.part, paths.final);
    await rm(paths.sidecar, { force: true });
    this.#emitProgress();
    ctx.emit({
      type: "file-complete",
      file: this.name,
      path: paths.final,
      bytes: digest.bytes,
      skipped: false,
    });
    return this.#result(digest, resumed, false);
  }

  async #verify(digest: ReturnType<ArchiveHasher["digest"]>, expected: Expected): Promise<void> {
    const fail = async (
      check: "size" | "crc32c" | "md5",
      want: string | number,
      got: string | number,
    ) => {
      await removePart(this.paths);
      throw new ArchiveVerificationError({
        fileName: this.name,
        url: this.key,
        check,
        expected: want,
        actual: got,
      });
    };
    if (expected.size !== undefined && digest.bytes !== expected.size) {
      await fail("size", expected.size, digest.bytes);
    }
    if (expected.crc32c && digest.crc32c !== expected.crc32c) {
      await fail("crc32c", expected.crc32c, digest.crc32c ?? "");
    }
    if (expected.md5 && digest.md5 !== undefined && digest.md5 !== expected.md5)
      await fail("md5", expected.md5, digest.md5 ?? "");
  }

  #hasher(md5: boolean): ArchiveHasher {
    return new ArchiveHasher({ sha256: this.ctx.sha256, md5 });
  }

  /** MD5 is computed only when it is the only checksum, or when all are asked for. */
  #wantsMd5(hashes: ObjectHashes): boolean {
    if (!hashes.md5) return false;
    return this.ctx.checksums === "all" || !hashes.crc32c;
  }

  #emitProgress(): void {
    this.ctx.emit({
      type: "progress",
      file: this.name,
      fileProgress: this.ctx.tracker.file(this.name),
      total: this.ctx.tracker.total(),
    });
  }

  #result(
    digest: ReturnType<ArchiveHasher["digest"]>,
    resumed: boolean,
    skipped: boolean,
  ): DownloadedFile {
    const result: DownloadedFile = {
      name: this.name,
      path: this.paths.final,
      url: this.key,
      bytes: digest.bytes,
      crc32c: digest.crc32c ?? "",
      resumed,
      skipped,
    };
    if (digest.md5) result.md5 = digest.md5;
    if (digest.sha256) result.sha256 = digest.sha256;
    return result;
  }
}

function changed(before: Expected, now: Expected): boolean {
  const differs = (a: unknown, b: unknown) => a !== undefined && b !== undefined && a !== b;
  return (
    differs(before.size, now.size) ||
    differs(before.etag, now.etag) ||
    differs(before.crc32c, now.crc32c) ||
    differs(before.md5, now.md5)
  );
}

function definedOnly<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}

function stringHeader(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}
