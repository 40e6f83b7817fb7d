import { DAY_MS, writeIsoTime } from "../clock/iso-time.js";
import type { FixedFileSpec } from "./fixed-file.js";
import type { RecordShape } from "./record-shape.js";
import {
  isCsv,
  RECORD_TEMPLATES,
  RECORD_WIDTH,
  type RecordFileSpec,
  recordTimeMs,
  writeRecord,
} from "./record-text.js";

const encoder = new TextEncoder();
const JSON_HEAD = encoder.encode("[\n");
const JSON_TAIL = encoder.encode("]\n");

const headOf = (shape: RecordShape | undefined) => shape?.head ?? JSON_HEAD;
const tailOf = (shape: RecordShape | undefined) => shape?.tail ?? JSON_TAIL;

/**
 * Byte size of a generated file with `records` records, one per line: a JSON array, or a CSV
 * table (header row first) when `shape` says so.
 *
 * @example
 * ```ts
 * recordFileSize(2); // 2 + 2 * 512 + 2
 * ```
 */
export function recordFileSize(records: number, shape?: RecordShape): number {
  return headOf(shape).length + records * RECORD_WIDTH + tailOf(shape).length;
}

interface Templates {
  readonly bytes: Uint8Array;
  readonly count: number;
  readonly timeOffsets: Int32Array;
}

// Templates cost 256 KiB per file and a plan keeps its files' specs for the archive's lifetime,
// so caching them per spec would hold memory in proportion to archive size (64 MiB for 2 GiB).
// A few recently used files cover a download, the digest pass and some concurrent range
// requests; the least recently used file's buffers are refilled for the next one, so walking a
// multi-GB archive allocates no new template memory either. Templates are only used within a
// synchronous read, so refilling them cannot disturb another reader.
const TEMPLATE_CACHE_FILES = 8;
const templateCache = new Map<RecordFileSpec, Templates>();

// Records are copied from up to 512 pre-rendered templates and get their timestamp patched in,
// which keeps generation at memory-copy speed for multi-GB archives.
function templatesOf(spec: RecordFileSpec): Templates {
  let found = templateCache.get(spec);
  if (found) {
    templateCache.delete(spec);
    templateCache.set(spec, found);
    return found;
  }
  let reused: Templates | undefined;
  if (templateCache.size >= TEMPLATE_CACHE_FILES) {
    const [oldest, templates] = templateCache.entries().next().value as [RecordFileSpec, Templates];
    templateCache.delete(oldest);
    reused = templates;
  }
  const count = Math.min(spec.records, RECORD_TEMPLATES);
  const bytes = reused?.count === count ? reused.bytes : new Uint8Array(count * RECORD_WIDTH);
  const timeOffsets = reused?.count === count ? reused.timeOffsets : new Int32Array(count);
  for (let slot = 0; slot < count; slot++) {
    const at = slot * RECORD_WIDTH;
    timeOffsets[slot] = writeRecord(spec, slot, bytes, at);
  }
  found = { bytes, count, timeOffsets };
  templateCache.set(spec, found);
  return found;
}

// Writes whole records [first, last) at `out[at…]`: runs of consecutive templates are copied,
// then each record's timestamp is patched in place. Nothing is allocated per record, which keeps
// the garbage of a multi-GB download small.
function writeRecords(
  spec: RecordFileSpec,
  templates: Templates,
  first: number,
  last: number,
  out: Uint8Array,
  at: number,
): void {
  for (let k = first; k < last; ) {
    const slot = k % templates.count;
    const run = Math.min(last - k, templates.count - slot);
    const from = templates.bytes.subarray(slot * RECORD_WIDTH, (slot + run) * RECORD_WIDTH);
    out.set(from, at + (k - first) * RECORD_WIDTH);
    k += run;
  }
  const json = !isCsv(spec);
  for (let k = first; k < last; k++) {
    const base = at + (k - first) * RECORD_WIDTH;
    const timeAt = templates.timeOffsets[k % templates.count]!;
    if (timeAt >= 0) {
      const ms = recordTimeMs(spec, k);
      const day = Math.floor(ms / DAY_MS);
      writeIsoTime(day, ms - day * DAY_MS, out, base + timeAt);
    }
    if (json && k === spec.records - 1) out[base + RECORD_WIDTH - 2] = 0x20;
  }
}

// One record, for reads that start or stop inside it.
const partial = new Uint8Array(RECORD_WIDTH);

/**
 * Generates the bytes of a file from byte `position` into `into`, as many as fit before the
 * file ends, and returns how many. The caller owns the memory: reading a file of any size into
 * one reused buffer allocates nothing per read.
 *
 * @example
 * ```ts
 * const buffer = new Uint8Array(64 * 1024);
 * for (let at = 0, n; (n = readRecordFile(spec, at, buffer)) > 0; at += n) crc.update(buffer.subarray(0, n));
 * ```
 */
export function readRecordFile(spec: RecordFileSpec, position: number, into: Uint8Array): number {
  const head = headOf(spec.shape);
  const tail = tailOf(spec.shape);
  const recordsEnd = head.length + spec.records * RECORD_WIDTH;
  const stop = Math.min(recordFileSize(spec.records, spec.shape), position + into.length);
  let at = position;
  let written = 0;
  for (; at < stop && at < head.length; at++) into[written++] = head[at]!;
  const templates = at < Math.min(stop, recordsEnd) ? templatesOf(spec) : undefined;
  while (templates && at < Math.min(stop, recordsEnd)) {
    const limit = Math.min(stop, recordsEnd);
    const k = Math.floor((at - head.length) / RECORD_WIDTH);
    const offset = at - (head.length + k * RECORD_WIDTH);
    const whole = Math.floor((limit - head.length) / RECORD_WIDTH) - k;
    if (offset === 0 && whole > 0) {
      writeRecords(spec, templates, k, k + whole, into, written);
      written += whole * RECORD_WIDTH;
      at += whole * RECORD_WIDTH;
    } else {
      writeRecords(spec, templates, k, k + 1, partial, 0);
      const n = Math.min(RECORD_WIDTH - offset, limit - at);
      into.set(partial.subarray(offset, offset + n), written);
      written += n;
      at += n;
    }
  }
  for (; at < stop; at++) into[written++] = tail[at - recordsEnd]!;
  return written;
}

/**
 * What one file of a generated archive holds: records generated on demand, or fixed bytes.
 *
 * @example
 * ```ts
 * const size = "bytes" in file ? file.bytes.length : recordFileSize(file.records, file.shape);
 * ```
 */
export type EntryFile = RecordFileSpec | FixedFileSpec;

/**
 * Like {@link readRecordFile}, for either kind of file.
 *
 * @example
 * ```ts
 * const n = readEntryFile(entry.file, 0, new Uint8Array(65536));
 * ```
 */
export function readEntryFile(file: EntryFile, position: number, into: Uint8Array): number {
  if (!("bytes" in file)) return readRecordFile(file, position, into);
  const part = file.bytes.subarray(position, position + into.length);
  into.set(part);
  return part.length;
}
