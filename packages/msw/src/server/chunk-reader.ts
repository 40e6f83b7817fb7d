/** Largest buffer a {@link chunkReader} reads a byte stream into. */
export const CHUNK_BYTES = 1024 * 1024;

/** Reads a response body chunk by chunk, reusing the chunks a byte stream is read into. */
export interface ChunkReader {
  read(): Promise<ReadableStreamReadResult<Uint8Array>>;
  /** Hands back a chunk the consumer is done with (written out), to be filled again. */
  recycle(chunk: Uint8Array): void;
  cancel(): Promise<void>;
}

/**
 * A reader of `body` for a server writing it to a socket. A byte stream (an archive download)
 * is read with a BYOB reader into a few buffers of the reader's own, each filled again once
 * recycled, so serving an archive of any size allocates nothing per chunk and leaves no garbage
 * for the collector to fall behind on; large reads also keep the per-chunk cost of the stream
 * machinery small. Other bodies are read as they come. `sizeHint` (the body's length, if known)
 * keeps the buffer of a short body short.
 *
 * @example
 * ```ts
 * const reader = chunkReader(response.body, 65536);
 * for (let r = await reader.read(); !r.done; r = await reader.read()) {
 *   socket.write(r.value, () => reader.recycle(r.value));
 * }
 * ```
 */
export function chunkReader(body: ReadableStream<Uint8Array>, sizeHint = Number.NaN): ChunkReader {
  let byob: ReadableStreamBYOBReader;
  try {
    byob = body.getReader({ mode: "byob" });
  } catch {
    const reader = body.getReader();
    return { read: () => reader.read(), recycle: () => undefined, cancel: () => reader.cancel() };
  }
  const size = sizeHint > 0 ? Math.min(sizeHint, CHUNK_BYTES) : CHUNK_BYTES;
  const free: ArrayBuffer[] = [];
  return {
    read: () => byob.read(new Uint8Array(free.pop() ?? new ArrayBuffer(size))),
    recycle: (chunk) => {
      free.push(chunk.buffer as ArrayBuffer);
    },
    cancel: () => byob.cancel(),
  };
}
