import { setMaxListeners } from "node:events";
import type { IncomingMessage } from "node:http";
import type { DownloadContext } from "../download/download-context.js";
import { ArchiveHasher } from "../files/archive-hasher.js";
import { hashFileRange, type PartPaths, type SliceProgress } from "../files/part-file.js";
import { PartFileWriter } from "../files/part-file-writer.js";
import { type AnnouncedObject, announcedBy, objectChanged } from "../storage/announced-object.js";
import { crc32cBase64 } from "../storage/goog-hash.js";
import { notAnArchive, parseContentRange } from "../storage/storage-request.js";
import { reasonOf, StorageRequester } from "../storage/storage-requester.js";
import { combineCrc32c } from "./crc32c-combine.js";
import { growSlices, SLICE_GROWTH, type SliceGrowth } from "./slice-growth.js";
import { SliceJournal } from "./slice-journal.js";
import { splitRemainder, splitTail } from "./slice-plan.js";

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
  /** Add slices while they raise the rate (the download starts as one slice). */
  grow?: boolean;
}

/**
 * Fetches the missing bytes of every slice at once, each with its own ranged GETs written at
 * their offsets in the `.part` file, retried and resumed slice by slice; the sidecar follows
 * each slice's progress. With `grow`, a download that starts as one slice is measured
 * ({@link growSlices}): a probe slice cut off its end tells whether a second connection helps;
 * if so, slices are split off the longest rest until `slices` run, and each slice that ends
 * early takes half of the longest rest, so all finish together. Resolves with the whole
 * object's CRC32C, combined from the slices' (base64, as in `x-goog-hash`) and byte count;
 * the first failure stops every slice and is thrown, once every write has landed and the
 * progress is saved.
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
  setMaxListeners(4 * Math.max(slices.length, ctx.slices) + 10, signal);
  const hashers = new Map<SliceProgress, ArchiveHasher>();
  const writers = new Map<SliceProgress, PartFileWriter>();
  const running: Promise<void>[] = [];
  let failure: unknown;
  let active = 0;

  const unfinished = slices.filter((s) => s.start + s.written < s.end).length;
  let growth: SliceGrowth = {
    target: unfinished,
    warmedUp: false,
    windowBytes: 0,
    settled: !file.grow || unfinished !== 1,
  };
  const settings = { maxSlices: ctx.slices, ...SLICE_GROWTH };
  const minSliceBytes = Math.max(1, Math.floor(ctx.sliceThresholdBytes / ctx.slices));

  /** Runs `slice` once the sidecar lists it (`saved`); when it ends, idle capacity is refilled. */
  const launch = (slice: SliceProgress, saved: Promise<void>, first?: IncomingMessage) => {
    hashers.set(slice, new ArchiveHasher({ md5: false }));
    active++;
    const work = saved.then(async () => {
      const hasher = hashers.get(slice)!;
      await hashFileRange(paths.part, slice.start, slice.written, hasher, signal);
      await fetchSlice(file, slice, { hasher, journal, signal, writers, first, onLanded });
    });
    running.push(
      work.then(
        () => {
          active--;
          refill();
        },
        (error: unknown) => {
          active--;
          failure ??= error;
          controller.abort(error);
          throw error;
        },
      ),
    );
  };

  /** Starts slices split off the longest rests until `growth.target` run. */
  function refill(): void {
    if (signal.aborted || !file.grow) return;
    const added: SliceProgress[] = [];
    while (active + added.length < growth.target) {
      const next = splitLongest(slices, writers, (slice, received) =>
        splitRemainder(slice, received, minSliceBytes),
      );
      if (!next) break;
      added.push(next);
    }
    if (added.length === 0) return;
    // The sidecar lists the new slices before any of their bytes land.
    const saved = journal.save();
    for (const slice of added) launch(slice, saved);
  }

  function onLanded(bytes: number): void {
    if (growth.settled) return;
    const before = growth.target;
    growth = growSlices(growth, bytes, ctx.clock.now(), settings);
    if (growth.target === before) return;
    if (before === 1 && growth.target === 2) {
      // The probe: a short range off the end, about two windows of one connection's pace.
      const probeBytes = ((growth.previousRate ?? 0) * 2 * settings.windowMs) / 1000;
      const probe = splitLongest(slices, writers, (slice, received) =>
        splitTail(slice, received, probeBytes, minSliceBytes),
      );
      if (!probe) {
        growth = { ...growth, target: 1, settled: true };
        return;
      }
      launch(probe, journal.save());
      return;
    }
    refill();
  }

  for (const [i, slice] of slices.entries()) {
    launch(slice, Promise.resolve(), i === 0 ? file.first : undefined);
  }
  // Slices added while waiting are waited for too.
  let rejected = false;
  for (let waited = 0; waited < running.length; ) {
    const batch = running.slice(waited);
    waited = running.length;
    const settled = await Promise.allSettled(batch);
    rejected ||= settled.some((result) => result.status === "rejected");
  }
  file.first?.destroy();
  await journal.save();
  if (rejected) throw ctx.signal.aborted ? ctx.signal.reason : failure;
  let crc = 0;
  for (const slice of slices) {
    crc = combineCrc32c(crc, hashers.get(slice)!.crc32cValue, slice.end - slice.start);
  }
  return { crc32c: crc32cBase64(crc), bytes: expected.size };
}

type Split = (
  slice: SliceProgress,
  received: number,
) => { end: number; next: SliceProgress } | undefined;

/**
 * Applies `split` to the slice with the most left to receive, inserts the new slice after it
 * (the list stays in object order) and returns it; the old slice's writer, if one is
 * receiving, stops where the slice now ends.
 */
function splitLongest(
  slices: SliceProgress[],
  writers: ReadonlyMap<SliceProgress, PartFileWriter>,
  split: Split,
): SliceProgress | undefined {
  const left = (slice: SliceProgress) =>
    slice.end - (writers.get(slice)?.received ?? slice.start + slice.written);
  let longest: SliceProgress | undefined;
  for (const slice of slices) if (!longest || left(slice) > left(longest)) longest = slice;
  if (!longest) return undefined;
  const cut = split(longest, longest.end - left(longest));
  if (!cut) return undefined;
  writers.get(longest)?.stopAt(cut.end);
  longest.end = cut.end;
  slices.splice(slices.indexOf(longest) + 1, 0, cut.next);
  return cut.next;
}

/** What one slice shares with the others of its file. */
interface SliceRun {
  hasher: ArchiveHasher;
  journal: SliceJournal;
  signal: AbortSignal;
  /** The writer of each slice that is receiving. */
  writers: Map<SliceProgress, PartFileWriter>;
  /** A 200 answer from byte 0 to continue with. */
  first: IncomingMessage | undefined;
  /** Called with the byte count of every write of the slice that landed. */
  onLanded: (bytes: number) => void;
}

async function fetchSlice(
  file: SlicedFile,
  slice: SliceProgress,
  { hasher, journal, signal, writers, first, onLanded }: SliceRun,
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
    onLanded(bytes);
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
    // Splitting this slice from now on also stops its writer where the slice then ends.
    writers.set(slice, writer);
    const failed = await writer
      .receive(response, signal, slice.end - position)
      .finally(() => writers.delete(slice));
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
