import { rename, rm, stat } from "node:fs/promises";
import type { IncomingMessage } from "node:http";
import { ArchiveVerificationError } from "../errors.js";
import { ArchiveHasher } from "../files/archive-hasher.js";
import {
  hashFileRange,
  type PartPaths,
  partPaths,
  readSidecar,
  removePart,
  type SliceProgress,
  writeSidecar,
} from "../files/part-file.js";
import { asWriteError, PartFileWriter } from "../files/part-file-writer.js";
import { planSlices } from "../slicing/slice-plan.js";
import {
  downloadSlices,
  ObjectChangedSignal,
  RangeIgnoredSignal,
} from "../slicing/sliced-download.js";
import { type AnnouncedObject, announcedBy, objectChanged } from "../storage/announced-object.js";
import { type ObjectHashes, parseGoogHash } from "../storage/goog-hash.js";
import { notAnArchive, parseContentRange, redactUrl } from "../storage/storage-request.js";
import { reasonOf, StorageRequester } from "../storage/storage-requester.js";
import type { DownloadContext } from "./download-context.js";
import type { DownloadedFile } from "./download-events.js";

type Digest = ReturnType<ArchiveHasher["digest"]>;

/** A download to continue in slices (`first`: a 200 answer from byte 0 for the first one). */
interface SlicedStart {
  slices: SliceProgress[];
  expected: AnnouncedObject & { size: number };
  first?: IncomingMessage;
  offset?: undefined;
}

/** Where a download of one file begins: after `offset` bytes of one stream, or in slices. */
type Start = SlicedStart | { offset: number; expected: AnnouncedObject; slices?: undefined };

function writtenIn(slices: readonly SliceProgress[]): number {
  return slices.reduce((sum, slice) => sum + slice.written, 0);
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
  #rangeIgnored = false;

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
    await hashFileRange(this.paths.final, 0, localSize, hasher, this.ctx.signal);
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
    let start = await this.#startingPoint();
    const kept = start.slices ? writtenIn(start.slices) : start.offset;
    ctx.tracker.start(this.name, { bytes: kept, totalBytes: start.expected.size });
    ctx.emit({
      type: "file-start",
      file: this.name,
      index: this.index,
      url: this.key,
      offset: kept,
    });
    let resumed = kept > 0;
    let digest: Digest;
    let expected: AnnouncedObject;
    for (;;) {
      try {
        if (start.slices) {
          expected = start.expected;
          digest = await this.#sliced(start.expected, start.slices, start.first);
          break;
        }
        const outcome = await this.#stream(start.offset, start.expected);
        if ("slices" in outcome) {
          start = outcome;
          continue;
        }
        ({ digest, expected } = outcome);
        resumed ||= outcome.resumed;
        break;
      } catch (error) {
        if (!(error instanceof ObjectChangedSignal || error instanceof RangeIgnoredSignal)) {
          throw error;
        }
        // A server that ignores Range gets one stream from byte 0; a replaced object, a new
        // download. Nothing written so far is trusted.
        if (error instanceof RangeIgnoredSignal) this.#rangeIgnored = true;
        await removePart(paths);
        ctx.tracker.update(this.name, { bytes: 0 });
        start = { offset: 0, expected: {} };
        resumed = false;
      }
    }

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

  /** Where an earlier run left this file: a prefix, slices, or nothing (then removed). */
  async #startingPoint(): Promise<Start> {
    const { paths } = this;
    const sidecar = await readSidecar(paths.sidecar);
    const partSize = await sizeOf(paths.part);
    if (sidecar?.url === this.key && partSize !== undefined) {
      const { version: _, slices, ...expected } = sidecar;
      // Slices write at their own offsets, so the file reaches at least the furthest byte.
      const reached = Math.max(
        0,
        ...(slices ?? []).filter((s) => s.written > 0).map((s) => s.start + s.written),
      );
      if (slices && expected.size !== undefined && partSize >= reached) {
        return { slices, expected: { ...expected, size: expected.size } };
      }
      if (!slices && partSize <= (sidecar.size ?? Infinity)) return { offset: partSize, expected };
    }
    await removePart(paths);
    return { offset: 0, expected: {} };
  }

  /** Whether an object of `size` bytes is fetched in slices. */
  #sliceable(size: number | undefined): size is number {
    const { slices, sliceThresholdBytes } = this.ctx;
    return !this.#rangeIgnored && slices > 1 && size !== undefined && size >= sliceThresholdBytes;
  }

  async #sliced(
    expected: AnnouncedObject & { size: number },
    slices: SliceProgress[],
    first?: IncomingMessage,
  ): Promise<Digest> {
    const { crc32c, bytes } = await downloadSlices({
      ctx: this.ctx,
      index: this.index,
      name: this.name,
      key: this.key,
      paths: this.paths,
      expected,
      slices,
      first,
      onWritten: this.#progressReporter(),
      grow: this.ctx.slicing === "adaptive",
    });
    if (!this.#wantsMd5(expected) && !this.ctx.sha256) return { crc32c, bytes };
    // MD5 and SHA-256 cannot be combined from slices: read the file once more.
    const hasher = this.#hasher(this.#wantsMd5(expected));
    await hashFileRange(this.paths.part, 0, bytes, hasher, this.ctx.signal);
    return hasher.digest();
  }

  #progressReporter(): (bytes: number) => void {
    let lastEmit = -Infinity;
    return (bytes) => {
      this.ctx.tracker.add(this.name, bytes);
      const now = this.ctx.clock.now();
      if (now - lastEmit >= this.ctx.progressIntervalMs) {
        lastEmit = now;
        this.#emitProgress();
      }
    };
  }

  /**
   * Fetches the file as one stream from `offset`, resuming after failures; hands over to
   * slices when the first answer shows an object large enough for them.
   */
  async #stream(
    from: number,
    known: AnnouncedObject,
  ): Promise<{ digest: Digest; resumed: boolean; expected: AnnouncedObject } | SlicedStart> {
    const { ctx, paths } = this;
    let offset = from;
    let expected = known;
    let hasher = this.#hasher(this.#wantsMd5(expected));
    await hashFileRange(paths.part, 0, offset, hasher, ctx.signal);
    let resumed = false;
    const onWritten = this.#progressReporter();
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
      const announced = announcedBy(response);
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
      if (offset > 0 && (md5Missing || objectChanged(expected, announced))) {
        response.destroy();
        await writer.close();
        restart();
        continue;
      }
      if (offset === 0 && status === 200 && this.#sliceable(announced.size)) {
        await writer.close();
        const size = announced.size;
        return {
          // Adaptive slicing starts as one slice and grows while more raise the rate.
          slices: planSlices(size, ctx.slicing === "adaptive" ? 1 : ctx.slices),
          expected: { ...announced, size },
          first: response,
        };
      }
      // A 200 to a ranged request: the server ignored Range, so this body starts at byte 0.
      if (status === 200 && offset > 0) {
        await writer.close();
        restart();
        writer = await PartFileWriter.open(paths.part, 0, hasher, onWritten);
      }
      if (status === 206 && offset > 0) resumed = true;
      if (offset === 0 && this.#wantsMd5({ ...expected, ...announced })) hasher.enableMd5();
      expected = { ...expected, ...announced };
      ctx.tracker.update(this.name, { totalBytes: expected.size, bytes: offset });
      // The sidecar is on disk before the first byte, so a crash never leaves a .part that
      // the next run cannot trust.
      await writeSidecar(paths.sidecar, { version: 1, url: this.key, ...expected }).catch(
        (error: unknown) => {
          throw asWriteError(error, paths.sidecar);
        },
      );
      const before = offset;
      const startedAt = ctx.clock.now();
      const failure = await writer.receive(response, ctx.signal);
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
    return { digest: hasher.digest(), resumed, expected };
  }

  async #verify(digest: Digest, expected: AnnouncedObject): Promise<void> {
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

async function sizeOf(file: string): Promise<number | undefined> {
  try {
    return (await stat(file)).size;
  } catch {
    return undefined;
  }
}
