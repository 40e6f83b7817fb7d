import { Inflate } from "fflate";
import { ArchiveFormatError } from "../errors.js";
import { type ArchiveLimits, InflationGuard } from "./archive-limits.js";
import { ByteReader } from "./byte-reader.js";
import { crc32 } from "./crc32.js";
import { safeEntryName } from "./entry-name.js";

/**
 * One file of a zip archive, read in order. Its bytes can be read once, and only until the
 * next entry is asked for; an entry whose bytes are not read is skipped without inflating.
 *
 * @example
 * ```ts
 * for await (const entry of zipEntries(openArchive(bytes))) {
 *   if (entry.name.endsWith(".json")) for await (const chunk of entry.body) use(chunk);
 * }
 * ```
 */
export interface ZipEntry {
  /** The entry's path inside the archive, `/`-separated and checked not to escape it. */
  readonly name: string;
  /** Uncompressed size when the zip declares it before the data, else undefined. */
  readonly size: number | undefined;
  /** True for folder entries. */
  readonly isDirectory: boolean;
  /** The inflated bytes, checked against the zip's CRC-32 and size once they end. */
  readonly body: AsyncIterable<Uint8Array>;
}

const LOCAL_HEADER = 0x04034b50;
const CENTRAL_HEADER = 0x02014b50;
const END_OF_CENTRAL = 0x06054b50;
const ZIP64_END = 0x06064b50;
const DESCRIPTOR = 0x08074b50;
const READ_SIZE = 256 * 1024;

const u16 = (b: Uint8Array, at: number) => b[at]! | (b[at + 1]! << 8);
const u32 = (b: Uint8Array, at: number) =>
  (b[at]! | (b[at + 1]! << 8) | (b[at + 2]! << 16) | (b[at + 3]! << 24)) >>> 0;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 2 ** 32;

interface LocalHeader {
  name: string;
  method: number;
  descriptor: boolean;
  crc: number;
  compressedSize: number;
  size: number;
  /** The header carries zip64 sizes, so a data descriptor does too (8-byte sizes). */
  zip64: boolean;
}

function zip64Sizes(extra: Uint8Array, header: LocalHeader): void {
  for (let at = 0; at + 4 <= extra.length; ) {
    const id = u16(extra, at);
    const length = u16(extra, at + 2);
    if (id === 0x0001) {
      header.zip64 = true;
      let field = at + 4;
      if (header.size === 0xffffffff && field + 8 <= at + 4 + length) {
        header.size = u64(extra, field);
        field += 8;
      }
      if (header.compressedSize === 0xffffffff && field + 8 <= at + 4 + length) {
        header.compressedSize = u64(extra, field);
      }
    }
    at += 4 + length;
  }
}

/** Reads one local file header; undefined once the central directory starts. */
async function readHeader(reader: ByteReader): Promise<LocalHeader | undefined> {
  if (!(await reader.fill(4))) {
    throw new ArchiveFormatError(
      reader.position === 0
        ? "the archive is empty"
        : "the archive is cut off (no central directory)",
    );
  }
  const signature = u32(reader.available, 0);
  if (signature === CENTRAL_HEADER || signature === END_OF_CENTRAL || signature === ZIP64_END) {
    return undefined;
  }
  if (signature !== LOCAL_HEADER) {
    throw new ArchiveFormatError(
      reader.position === 0
        ? "not a zip archive"
        : `unexpected bytes at offset ${reader.position}: the archive is corrupted`,
    );
  }
  if (!(await reader.fill(30))) throw new ArchiveFormatError("the archive is cut off in a header");
  const fixed = reader.take(30);
  const flags = u16(fixed, 6);
  const nameLength = u16(fixed, 26);
  const extraLength = u16(fixed, 28);
  if (!(await reader.fill(nameLength + extraLength))) {
    throw new ArchiveFormatError("the archive is cut off in a header");
  }
  const rawName = reader.take(nameLength);
  const header: LocalHeader = {
    // Bit 11 marks UTF-8 names; older tools wrote CP437, which agrees with UTF-8 on ASCII.
    name: new TextDecoder(flags & 0x800 ? "utf-8" : "latin1").decode(rawName),
    method: u16(fixed, 8),
    descriptor: (flags & 0x8) !== 0,
    crc: u32(fixed, 14),
    compressedSize: u32(fixed, 18),
    size: u32(fixed, 22),
    zip64: false,
  };
  zip64Sizes(reader.take(extraLength), header);
  if (flags & 0x1) throw new ArchiveFormatError("encrypted entries are not supported", header.name);
  if (header.method !== 0 && header.method !== 8) {
    throw new ArchiveFormatError(
      `compression method ${header.method} is not supported (stored and deflate are)`,
      header.name,
    );
  }
  if (header.descriptor && header.method === 0) {
    throw new ArchiveFormatError("a stored entry must declare its size", header.name);
  }
  return header;
}

/**
 * Yields the compressed bytes of an entry. With a declared size that is exact; with a data
 * descriptor (sizes after the data) the end is where a descriptor signature is followed by a
 * compressed size equal to the bytes seen so far, which no run of deflate data can fake by
 * chance. Returns the descriptor's CRC-32 and size when there is one.
 */
async function* compressedBytes(
  reader: ByteReader,
  header: LocalHeader,
): AsyncGenerator<Uint8Array, { crc: number; size: number } | undefined> {
  if (!header.descriptor) {
    for (let left = header.compressedSize; left > 0; ) {
      if (!(await reader.fill(1)))
        throw new ArchiveFormatError("the archive is cut off", header.name);
      const chunk = reader.take(Math.min(left, reader.available.length, READ_SIZE));
      left -= chunk.length;
      yield chunk;
    }
    return undefined;
  }
  const length = header.zip64 ? 24 : 16;
  const sizeAt = (b: Uint8Array, at: number) => (header.zip64 ? u64(b, at) : u32(b, at));
  let seen = 0;
  for (;;) {
    if (!(await reader.fill(length)))
      throw new ArchiveFormatError("the archive is cut off", header.name);
    const bytes = reader.available;
    let end = -1;
    for (
      let at = bytes.indexOf(0x50);
      at !== -1 && at + length <= bytes.length;
      at = bytes.indexOf(0x50, at + 1)
    ) {
      if (u32(bytes, at) === DESCRIPTOR && sizeAt(bytes, at + 8) === seen + at) {
        end = at;
        break;
      }
    }
    if (end >= 0) {
      if (end > 0) yield reader.take(end);
      const descriptor = reader.take(length);
      return { crc: u32(descriptor, 4), size: sizeAt(descriptor, length === 24 ? 16 : 12) };
    }
    // Keep the last bytes: a descriptor may start in them.
    const safe = Math.max(0, bytes.length - (length - 1));
    if (safe === 0) {
      if (!(await reader.fill(bytes.length + 1))) {
        throw new ArchiveFormatError("the archive is cut off", header.name);
      }
      continue;
    }
    seen += safe;
    yield reader.take(safe);
  }
}

async function* inflated(
  reader: ByteReader,
  header: LocalHeader,
  guard: InflationGuard,
  name: string,
): AsyncGenerator<Uint8Array> {
  const pending: Uint8Array[] = [];
  let ended = header.method === 0;
  const inflate = new Inflate((chunk, final) => {
    pending.push(chunk);
    if (final) ended = true;
  });
  let crc = 0;
  let size = 0;
  let compressed = 0;
  const source = compressedBytes(reader, header);
  let step = await source.next();
  for (; !step.done; step = await source.next()) {
    compressed += step.value.length;
    if (header.method === 0) {
      pending.push(step.value);
    } else {
      try {
        inflate.push(step.value);
      } catch (error) {
        throw new ArchiveFormatError("the deflate data is corrupted", name, { cause: error });
      }
    }
    while (pending.length > 0) {
      const chunk = pending.shift()!;
      size += chunk.length;
      guard.inflated(name, chunk.length, size, compressed);
      crc = crc32(chunk, crc);
      yield chunk;
    }
  }
  if (header.method === 8) {
    try {
      if (!ended) inflate.push(new Uint8Array(0), true);
    } catch (error) {
      throw new ArchiveFormatError("the deflate data is cut off or corrupted", name, {
        cause: error,
      });
    }
    for (const chunk of pending.splice(0)) {
      size += chunk.length;
      guard.inflated(name, chunk.length, size, compressed);
      crc = crc32(chunk, crc);
      yield chunk;
    }
  }
  const expected = step.value ?? { crc: header.crc, size: header.size };
  if (size !== expected.size) {
    throw new ArchiveFormatError(
      `size mismatch (declared ${expected.size}, got ${size}): corrupted`,
      name,
    );
  }
  if (crc !== expected.crc)
    throw new ArchiveFormatError("CRC-32 mismatch: the entry is corrupted", name);
}

/** Passes over an entry's compressed bytes without inflating them. */
async function skip(reader: ByteReader, header: LocalHeader): Promise<void> {
  for await (const _ of compressedBytes(reader, header)) {
    // nothing to keep
  }
}

/**
 * Reads a zip archive front to back from a stream of bytes, yielding its entries in order
 * with their names checked (zip slip) and their bytes inflated, verified and guarded against
 * zip bombs. Memory stays bounded by the read size whatever the archive's size.
 *
 * @example
 * ```ts
 * for await (const entry of zipEntries(file.stream())) console.log(entry.name);
 * ```
 */
export async function* zipEntries(
  source: AsyncIterable<Uint8Array>,
  limits?: ArchiveLimits,
): AsyncGenerator<ZipEntry> {
  const reader = new ByteReader(source);
  const guard = new InflationGuard(limits);
  try {
    for (;;) {
      const header = await readHeader(reader);
      if (!header) return;
      guard.entry();
      const name = safeEntryName(header.name);
      let body: AsyncGenerator<Uint8Array> | undefined;
      yield {
        name,
        size: header.descriptor ? undefined : header.size,
        isDirectory: name.endsWith("/"),
        body: {
          [Symbol.asyncIterator]: (): AsyncIterator<Uint8Array> => {
            if (body) throw new ArchiveFormatError("an entry's bytes can be read once", name);
            const inner = inflated(reader, header, guard, name);
            body = inner;
            // A reader that stops early must not close the entry: the rest is read (and
            // checked) before the next entry, or the archive would lose its place.
            return {
              next: () => inner.next(),
              return: async () => ({ done: true, value: undefined }),
            };
          },
        },
      };
      if (!body) {
        await skip(reader, header);
      } else {
        // Whatever the reader of the entry left unread is read (and checked) here.
        for await (const _ of body) {
          // drained
        }
      }
    }
  } finally {
    await reader.close();
  }
}
