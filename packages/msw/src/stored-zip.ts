import type { ArchiveEntryPlan, ArchivePlan } from "./archive-plan.js";
import { recordFileChunks } from "./archive-records.js";

const UTF8_NAMES = 0x0800;

function dosDateTime(ms: number): { time: number; date: number } {
  const d = new Date(ms);
  const year = Math.max(1980, d.getUTCFullYear());
  return {
    time: (d.getUTCHours() << 11) | (d.getUTCMinutes() << 5) | (d.getUTCSeconds() >> 1),
    date: ((year - 1980) << 9) | ((d.getUTCMonth() + 1) << 5) | d.getUTCDate(),
  };
}

/**
 * The local file header of a stored (uncompressed) entry.
 *
 * @example
 * ```ts
 * localHeader(plan, plan.entries[0], crc32s[0]).length; // 30 + name length
 * ```
 */
export function localHeader(plan: ArchivePlan, entry: ArchiveEntryPlan, crc32: number): Uint8Array {
  const out = new Uint8Array(30 + entry.nameBytes.length);
  const view = new DataView(out.buffer);
  const { time, date } = dosDateTime(plan.modifiedAtMs);
  view.setUint32(0, 0x04034b50, true);
  view.setUint16(4, 10, true);
  view.setUint16(6, UTF8_NAMES, true);
  view.setUint16(8, 0, true);
  view.setUint16(10, time, true);
  view.setUint16(12, date, true);
  view.setUint32(14, crc32, true);
  view.setUint32(18, entry.size, true);
  view.setUint32(22, entry.size, true);
  view.setUint16(26, entry.nameBytes.length, true);
  view.setUint16(28, 0, true);
  out.set(entry.nameBytes, 30);
  return out;
}

/**
 * The central directory and end-of-central-directory record that close the archive.
 *
 * @example
 * ```ts
 * zipTrailer(plan, crc32s).length === plan.centralSize + 22; // true
 * ```
 */
export function zipTrailer(plan: ArchivePlan, crc32s: readonly number[]): Uint8Array {
  const out = new Uint8Array(plan.centralSize + 22);
  const view = new DataView(out.buffer);
  const { time, date } = dosDateTime(plan.modifiedAtMs);
  let p = 0;
  plan.entries.forEach((entry, i) => {
    view.setUint32(p, 0x02014b50, true);
    view.setUint16(p + 4, (3 << 8) | 20, true);
    view.setUint16(p + 6, 10, true);
    view.setUint16(p + 8, UTF8_NAMES, true);
    view.setUint16(p + 10, 0, true);
    view.setUint16(p + 12, time, true);
    view.setUint16(p + 14, date, true);
    view.setUint32(p + 16, crc32s[i]!, true);
    view.setUint32(p + 20, entry.size, true);
    view.setUint32(p + 24, entry.size, true);
    view.setUint16(p + 28, entry.nameBytes.length, true);
    view.setUint32(p + 38, (0o100644 << 16) >>> 0, true);
    view.setUint32(p + 42, entry.headerOffset, true);
    out.set(entry.nameBytes, p + 46);
    p += 46 + entry.nameBytes.length;
  });
  view.setUint32(p, 0x06054b50, true);
  view.setUint16(p + 8, plan.entries.length, true);
  view.setUint16(p + 10, plan.entries.length, true);
  view.setUint32(p + 12, plan.centralSize, true);
  view.setUint32(p + 16, plan.centralOffset, true);
  return out;
}

function* slice(
  bytes: Uint8Array,
  offset: number,
  start: number,
  end: number,
): Generator<Uint8Array> {
  const from = Math.max(start, offset);
  const to = Math.min(end, offset + bytes.length);
  if (from < to) yield bytes.subarray(from - offset, to - offset);
}

/**
 * The bytes [start, end) of the zip described by `plan`, generated lazily in chunks of at most
 * 64 KiB: seeking to any offset costs O(1), and memory stays flat whatever the archive size.
 *
 * @example
 * ```ts
 * for (const chunk of zipChunks(plan, crc32s, 0, plan.size)) out.write(chunk);
 * ```
 */
export function* zipChunks(
  plan: ArchivePlan,
  crc32s: readonly number[],
  start: number,
  end: number,
): Generator<Uint8Array> {
  const stop = Math.min(end, plan.size);
  for (let i = 0; i < plan.entries.length; i++) {
    const entry = plan.entries[i]!;
    const entryEnd = entry.dataOffset + entry.size;
    if (entryEnd <= start) continue;
    if (entry.headerOffset >= stop) return;
    if (start < entry.dataOffset) {
      yield* slice(localHeader(plan, entry, crc32s[i]!), entry.headerOffset, start, stop);
    }
    const from = Math.max(start, entry.dataOffset) - entry.dataOffset;
    const to = Math.min(stop, entryEnd) - entry.dataOffset;
    if (from < to) yield* recordFileChunks(entry.file, from, to);
  }
  if (stop > plan.centralOffset)
    yield* slice(zipTrailer(plan, crc32s), plan.centralOffset, start, stop);
}
