import { setMaxListeners } from "node:events";
import type { IncomingMessage } from "node:http";
import { type AnnouncedObject, announcedBy, objectChanged } from "./announced-object.js";
import { ArchiveHasher } from "./archive-hasher.js";
import { combineCrc32c } from "./crc32c-combine.js";
import type { DownloadContext } from "./download-context.js";
import { hashFileRange, type PartPaths, type SliceProgress } from "./part-file.js";
import { PartFileWriter } from "./part-file-writer.js";
import { SliceJournal } from "./slice-journal.js";
import { notAnArchive, parseContentRange } from "./storage-request.js";
import { reasonOf, StorageRequester } from "./storage-requester.js";

/** A slice was answered with the whole object (200): the server ignores `Range`. */
export class RangeIgnoredSignal extends Error {
  override readonly name = "RangeIgnoredSignal";
}

/** A slice's answer describes another object (size, ETag or checksum differ): start over. */
export class ObjectChangedSignal extends Error {
  override readonly name = "ObjectChangedSignal";
}

/** One archive file to fetch in slices. */
export interface SlicedFile {
  ctx: DownloadContext;
  index: number;
  name: string;
  /** The URL without its query. */
  key: string;
  paths: PartPaths;
  /** What the server announced; `size` is known. */
  expected: AnnouncedObject & { size: number };
  /** The slices, with what an earlier run left of each. */
  slices: SliceProgress[];
  /** A 200 answer from byte 0 that the first slice continues with. */
  first?: IncomingMessage;
  /** Called with the byte count of every write that landed. */
  onWritten: (bytes: number) => void;
}

/**
 * Fetches the missing bytes of every slice at once, each with its own ranged GETs written at
 * their offsets in the `.part` file, retried and resumed slice by slice; the sidecar follows
 * each slice's progress. Resolves with the whole object's CRC32C, combined from the slices'
 * (base64, as in `x-goog-hash`) and byte count; the first failure stops every slice and is
 * thrown, once every write has landed and the progress is saved.
 */
export async function downloadSlices(file: SlicedFile): Promise<{ crc32c: string; bytes: number }> {
  const { ctx, paths, slices, expected } = file;
  const journal = new SliceJournal(
    paths.sidecar,
    { url: file.key, ...expected },
    slices,
    Math.max(64 << 10, Math.min(8 << 20, Math.floor(expected.size / 64))),
  );
  // The sidecar says "sliced" before any byte lands beyond the first slice.
  await journal.save();
  const controller = new AbortController();
  const signal = AbortSignal.any([ctx.signal, controller.signal]);
  // Each slice listens with its request, its writer and its retry waits.
  setMaxListeners(4 * slices.length + 10, signal);
  const hashers = slices.map(() => new ArchiveHasher({ md5: false }));
  let failure: unknown;
  const settled = await Promise.allSettled(
    slices.map(async (slice, i) => {
      try {
        await hashFileRange(paths.part, slice.start, slice.written, hashers[i]!, signal);
        await fetchSlice(
          file,
          slice,
          hashers[i]!,
          journal,
          signal,
          i === 0 ? file.first : undefined,
        );
      } catch (error) {
        failure ??= error;
        controller.abort(error);
        throw error;
      }
    }),
  );
  file.first?.destroy();
  await journal.save();
  if (settled.some((result) => result.status === "rejected")) {
    throw ctx.signal.aborted ? ctx.signal.reason : failure;
  }
  let crc = 0;
  for (const [i, slice] of slices.entries()) {
    crc = combineCrc32c(crc, hashers[i]!.crc32cValue, slice.end - slice.start);
  }
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc);
  return { crc32c: bytes.toString("base64"), bytes: expected.size };
}

async function fetchSlice(
  file: SlicedFile,
  slice: SliceProgress,
  hasher: ArchiveHasher,
  journal: SliceJournal,
  signal: AbortSignal,
  first: IncomingMessage | undefined,
): Promise<void> {
  const { ctx, paths } = file;
  const requests = new StorageRequester(
    { ...ctx, signal },
    file.index,
    file.name,
    file.key,
    () => slice.end - slice.start - slice.written,
  );
  const onWritten = (bytes: number) => {
    slice.written += bytes;
    file.onWritten(bytes);
    journal.note(bytes);
  };
  let pending = first;
  while (slice.start + slice.written < slice.end) {
    const position = slice.start + slice.written;
    // Ready before the request, so the body is consumed the moment it arrives.
    const writer = await PartFileWriter.open(paths.part, position, hasher, onWritten, {
      ...PartFileWriter.shareOf(file.slices.length),
      truncate: false,
    });
    let response: IncomingMessage;
    try {
      response = pending ?? (await requests.open(position, slice.end - 1));
    } catch (error) {
      await writer.close();
      throw error;
    }
    const fromStart = response === pending;
    pending = undefined;
    const status = response.statusCode ?? 0;
    const refuse = async (signalled: Error) => {
      response.destroy();
      await writer.close();
      throw signalled;
    };
    if (status === 200 && !fromStart) await refuse(new RangeIgnoredSignal());
    if (status === 416) await refuse(new ObjectChangedSignal());
    if (
      status === 206 &&
      parseContentRange(response.headers["content-range"])?.start !== position
    ) {
      response.destroy();
      await writer.close();
      await requests.failed("the server answered a different range", position, 0);
      continue;
    }
    const problem = notAnArchive(status, response.headers);
    if (problem !== undefined) {
      await refuse(
        requests.error(
          "not-an-archive",
          `storage answered HTTP ${status} with ${problem}: not the archive (a captive portal or proxy page?)`,
          status,
        ),
      );
    }
    if (objectChanged(file.expected, announcedBy(response)))
      await refuse(new ObjectChangedSignal());
    const before = writer.position;
    const startedAt = ctx.clock.now();
    const failed = await writer.receive(response, signal, slice.end - position);
    requests.recordTransfer(writer.position - before, ctx.clock.now() - startedAt);
    signal.throwIfAborted();
    if (failed !== undefined) {
      await requests.failed(reasonOf(failed), writer.position, writer.position - before);
    } else if (slice.start + slice.written < slice.end) {
      await requests.failed(
        "the connection closed before the end of the slice",
        writer.position,
        writer.position - before,
      );
    }
  }
}
