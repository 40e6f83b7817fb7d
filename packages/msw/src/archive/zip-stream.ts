import type { ArchivePlan } from "./archive-plan.js";
import { readZip } from "./stored-zip.js";

/** Bytes generated per read for readers that bring no buffer of their own. */
export const ZIP_STREAM_CHUNK_BYTES = 64 * 1024;

/** How a {@link zipStream} breaks off, for the `reset-mid-download` fault. */
export interface ZipStreamReset {
  /** Bytes delivered before the stream fails. */
  readonly afterBytes: number;
  /** The error it fails with, given the bytes delivered. */
  readonly error: (sent: number) => Error;
}

/** A pace for a {@link zipStream}: a rate, and the clock it is kept by. */
export interface ZipStreamPace {
  /** Bytes per second the stream may deliver. */
  readonly bytesPerSecond: number;
  /** Milliseconds from any fixed origin. */
  readonly now: () => number;
  readonly sleep: (ms: number) => Promise<void>;
}

/** The wall clock a bandwidth cap keeps to (network time, never virtual time). */
export const realTime: Pick<ZipStreamPace, "now" | "sleep"> = {
  now: () => performance.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
};

/**
 * How long a stream that has sent `sentBytes` in `elapsedMs` must wait before sending more, to
 * stay at `bytesPerSecond`.
 *
 * @example
 * ```ts
 * paceDelayMs(1000, 400, 1000); // 600
 * ```
 */
export function paceDelayMs(sentBytes: number, elapsedMs: number, bytesPerSecond: number): number {
  return Math.max(0, (sentBytes * 1000) / bytesPerSecond - elapsedMs);
}

/** The faults a {@link zipStream} plays out. */
export interface ZipStreamFaults {
  /** Deliver no faster than this, for the `bandwidth` fault. */
  readonly pace?: ZipStreamPace;
  /** Break off after some bytes, for the `reset-mid-download` fault. */
  readonly reset?: ZipStreamReset;
  /** Flip (XOR 0xff) the byte at this object offset, for the `corrupt-bytes` fault. */
  readonly flipAt?: number;
}

/**
 * The bytes [start, end) of a generated zip as a readable byte stream, generated on demand into
 * the reader's buffers: a BYOB reader that recycles its buffers (as the emulator server does)
 * serves an archive of any size without allocating per chunk; a default reader gets a fresh
 * 64 KiB chunk per read. `faults` break the stream off, flip a byte or pace it on the way.
 *
 * @example
 * ```ts
 * const stream = zipStream(plan, digest.crc32s, 0, plan.size);
 * const reader = stream.getReader({ mode: "byob" });
 * const { value } = await reader.read(new Uint8Array(65536));
 * ```
 */
export function zipStream(
  plan: ArchivePlan,
  crc32s: readonly number[],
  start: number,
  end: number,
  { reset, flipAt = -1, pace }: ZipStreamFaults = {},
): ReadableStream<Uint8Array> {
  const stop = Math.min(end, plan.size, reset ? start + reset.afterBytes : end);
  let position = start;
  const startedAt = pace?.now() ?? 0;
  return new ReadableStream({
    type: "bytes",
    autoAllocateChunkSize: ZIP_STREAM_CHUNK_BYTES,
    async pull(controller) {
      // autoAllocateChunkSize guarantees a request, whichever reader is reading.
      const request = controller.byobRequest!;
      if (position >= stop) {
        if (reset && position - start >= reset.afterBytes) {
          // Let bytes already handed out reach the reader before the stream breaks.
          await new Promise((resolve) => setTimeout(resolve, 0));
          controller.error(reset.error(position - start));
          return;
        }
        controller.close();
        request.respond(0);
        return;
      }
      if (pace) {
        const wait = paceDelayMs(position - start, pace.now() - startedAt, pace.bytesPerSecond);
        // Timers are coarse: waiting in steps of 2 ms or more keeps the average rate exact.
        if (wait >= 2) await pace.sleep(wait);
      }
      const view = request.view!;
      const into = new Uint8Array(view.buffer, view.byteOffset, view.byteLength);
      const n = readZip(plan, crc32s, position, into.subarray(0, stop - position));
      if (flipAt >= position && flipAt < position + n) into[flipAt - position]! ^= 0xff;
      position += n;
      request.respond(n);
    },
  });
}
