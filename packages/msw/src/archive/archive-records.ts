import { DAY_MS, writeIsoTime } from "../clock/iso-time.js";
import {
  RECORD_TEMPLATES,
  RECORD_WIDTH,
  type RecordFileSpec,
  recordTimeMs,
  writeRecord,
} from "./record-text.js";

const HEAD = "[\n";
const TAIL = "]\n";

/**
 * Byte size of a generated file with `records` records: a JSON array, one record per line.
 *
 * @example
 * ```ts
 * recordFileSize(2); // 2 + 2 * 512 + 2
 * ```
 */
export function recordFileSize(records: number): number {
  return HEAD.length + records * RECORD_WIDTH + TAIL.length;
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
    bytes[at + RECORD_WIDTH - 2] = 0x2c; // ,
    bytes[at + RECORD_WIDTH - 1] = 0x0a; // \n
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
  for (let k = first; k < last; k++) {
    const base = at + (k - first) * RECORD_WIDTH;
    const ms = recordTimeMs(spec, k);
    const day = Math.floor(ms / DAY_MS);
    writeIsoTime(day, ms - day * DAY_MS, out, base + templates.timeOffsets[k % templates.count]!);
    if (k === spec.records - 1) out[base + RECORD_WIDTH - 2] = 0x20;
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
  const recordsEnd = HEAD.length + spec.records * RECORD_WIDTH;
  const stop = Math.min(recordFileSize(spec.records), position + into.length);
  let at = position;
  let written = 0;
  for (; at < stop && at < HEAD.length; at++) into[written++] = HEAD.charCodeAt(at);
  const templates = at < Math.min(stop, recordsEnd) ? templatesOf(spec) : undefined;
  while (templates && at < Math.min(stop, recordsEnd)) {
    const limit = Math.min(stop, recordsEnd);
    const k = Math.floor((at - HEAD.length) / RECORD_WIDTH);
    const offset = at - (HEAD.length + k * RECORD_WIDTH);
    const whole = Math.floor((limit - HEAD.length) / RECORD_WIDTH) - k;
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
  for (; at < stop; at++) into[written++] = TAIL.charCodeAt(at - recordsEnd);
  return written;
}
