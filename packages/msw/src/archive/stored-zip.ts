import type { ArchiveEntryPlan, ArchivePlan } from "./archive-plan.js";
import { readEntryFile } from "./archive-records.js";

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

// Copies the part of `bytes` (which sit at `offset` in the zip) from `position` into `into`.
function copyPart(bytes: Uint8Array, offset: number, position: number, into: Uint8Array): number {
  const from = position - offset;
  const n = Math.min(bytes.length - from, into.length);
  into.set(bytes.subarray(from, from + n));
  return n;
}

// The last entry whose local header starts at or before `position`.
function entryAt(plan: ArchivePlan, position: number): number {
  let low = 0;
  let high = plan.entries.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >>> 1;
    if (plan.entries[mid]!.headerOffset <= position) low = mid;
    else high = mid - 1;
  }
  return low;
}

/**
 * Generates the bytes of the zip described by `plan` from byte `position` into `into`, as many
 * as fit before the archive ends, and returns how many. Seeking costs O(log entries), and the
 * caller owns the memory: serving an archive of any size through one reused buffer allocates
 * nothing per read.
 *
 * @example
 * ```ts
 * const buffer = new Uint8Array(64 * 1024);
 * for (let at = 0, n; (n = readZip(plan, crc32s, at, buffer)) > 0; at += n) hash.update(buffer.subarray(0, n));
 * ```
 */
export function readZip(
  plan: ArchivePlan,
  crc32s: readonly number[],
  position: number,
  into: Uint8Array,
): number {
  const stop = Math.min(plan.size, position + into.length);
  let at = position;
  let written = 0;
  for (
    let i = entryAt(plan, at);
    i < plan.entries.length && at < Math.min(stop, plan.centralOffset);
    i++
  ) {
    const entry = plan.entries[i]!;
    const target = into.subarray(written, stop - position);
    let n = 0;
    if (at < entry.dataOffset) {
      n = copyPart(localHeader(plan, entry, crc32s[i]!), entry.headerOffset, at, target);
    }
    if (n < target.length) {
      const from = at + n - entry.dataOffset;
      n += readEntryFile(entry.file, from, target.subarray(n, n + entry.size - from));
    }
    written += n;
    at += n;
  }
  if (at < stop) {
    written += copyPart(
      zipTrailer(plan, crc32s),
      plan.centralOffset,
      at,
      into.subarray(written, stop - position),
    );
  }
  return written;
}
