import type { Resource } from "@dataportability/spec";
import { hash32 } from "./seeded-random.js";

/** Every generated record takes exactly this many bytes (JSON + separator), so any byte offset maps to a record in O(1). */
export const RECORD_WIDTH = 512;
const RECORDS_PER_CHUNK = 128;
const TEMPLATES = 512;
const HEAD = "[\n";
const TAIL = "]\n";

/** What one generated JSON file of an archive holds. */
export interface RecordFileSpec {
  readonly resource: Resource;
  readonly product: string;
  /** Number of records in the file. */
  readonly records: number;
  /** Seed for this file's content. */
  readonly seed: number;
  /** Records' timestamps spread over [fromMs, toMs]. */
  readonly fromMs: number;
  readonly toMs: number;
}

const WORDS = [
  "river",
  "garden",
  "piano",
  "mountain",
  "coffee",
  "recipe",
  "travel",
  "guitar",
  "review",
  "market",
  "winter",
  "summer",
  "science",
  "history",
  "football",
  "camera",
  "weather",
  "museum",
  "podcast",
  "jazz",
  "bicycle",
  "kitchen",
  "festival",
  "library",
  "ocean",
  "planet",
  "theatre",
  "running",
  "painting",
  "station",
  "harbor",
  "meadow",
];
const FILLER = (() => {
  let text = "";
  for (let i = 0; text.length < 4096; i++) text += `${WORDS[hash32(i, 99) % WORDS.length]} `;
  return text;
})();
const ID_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
const encoder = new TextEncoder();

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

function id(h: number, length: number): string {
  let out = "";
  let x = h;
  for (let i = 0; i < length; i++) {
    x = hash32(x, i);
    out += ID_CHARS[x & 63];
  }
  return out;
}

function titleUrl(resource: Resource, h: number, words: string): string {
  if (resource.includes("youtube")) return `https://www.youtube.com/watch?v=${id(h, 11)}`;
  if (resource.endsWith("search"))
    return `https://www.google.com/search?q=${words.replaceAll(" ", "+")}`;
  if (resource.includes("maps"))
    return `https://www.google.com/maps/place/?q=place_id:ChIJ${id(h, 23)}`;
  if (resource.includes("play"))
    return `https://play.google.com/store/apps/details?id=com.${words.replaceAll(" ", ".")}`;
  return `https://www.google.com/search?q=${words.replaceAll(" ", "+")}`;
}

function timeOf(spec: RecordFileSpec, index: number): string {
  const span = Math.max(0, spec.toMs - spec.fromMs);
  return new Date(spec.toMs - Math.floor((span * (index + 0.5)) / spec.records)).toISOString();
}

/**
 * The JSON text of record `index` of a file, padded to `RECORD_WIDTH - 2` characters (ASCII
 * only). Records repeat their text every 512 records; only their timestamps differ.
 *
 * @example
 * ```ts
 * JSON.parse(recordText(spec, 0)).time; // an RFC 3339 timestamp inside [fromMs, toMs]
 * ```
 */
export function recordText(spec: RecordFileSpec, index: number): string {
  const h = hash32(spec.seed, index % TEMPLATES);
  const words = `${WORDS[h % 32]} ${WORDS[(h >>> 5) % 32]} ${WORDS[(h >>> 10) % 32]}`;
  const time = timeOf(spec, index);
  const body = spec.resource.startsWith("myactivity.")
    ? `{"header":"${spec.product}","title":"Viewed ${words}","titleUrl":"${titleUrl(spec.resource, h, words)}","time":"${time}","products":["${spec.product}"],"activityControls":["${spec.product} activity"]`
    : `{"id":"${id(h, 16)}","resource":"${spec.resource}","product":"${spec.product}","title":"${words}","url":"${titleUrl(spec.resource, h, words)}","created":"${time}"`;
  const padLength = RECORD_WIDTH - 2 - body.length - ',"notes":""}'.length;
  const start = h % 2048;
  return `${body},"notes":"${FILLER.slice(start, start + padLength)}"}`;
}

interface Templates {
  readonly bytes: Uint8Array;
  readonly count: number;
  readonly timeOffsets: Int32Array;
}

const templateCache = new WeakMap<RecordFileSpec, Templates>();

// Records are copied from up to 512 pre-rendered templates and get their timestamp patched in,
// which keeps generation at memory-copy speed for multi-GB archives.
function templatesOf(spec: RecordFileSpec): Templates {
  let found = templateCache.get(spec);
  if (!found) {
    const count = Math.min(spec.records, TEMPLATES);
    const bytes = new Uint8Array(count * RECORD_WIDTH);
    const timeOffsets = new Int32Array(count);
    for (let slot = 0; slot < count; slot++) {
      const text = `${recordText(spec, slot)},\n`;
      timeOffsets[slot] = text.indexOf(`"${timeOf(spec, slot)}"`) + 1;
      encoder.encodeInto(text, bytes.subarray(slot * RECORD_WIDTH, (slot + 1) * RECORD_WIDTH));
    }
    found = { bytes, count, timeOffsets };
    templateCache.set(spec, found);
  }
  return found;
}

/**
 * The bytes [start, end) of a generated file, as chunks of at most 64 KiB, generated on demand.
 *
 * @example
 * ```ts
 * for (const chunk of recordFileChunks(spec, 0, recordFileSize(spec.records))) sink.write(chunk);
 * ```
 */
export function* recordFileChunks(
  spec: RecordFileSpec,
  start: number,
  end: number,
): Generator<Uint8Array> {
  const size = recordFileSize(spec.records);
  let position = Math.max(0, start);
  const stop = Math.min(end, size);
  if (position < HEAD.length && position < stop) {
    yield encoder.encode(HEAD.slice(position, Math.min(HEAD.length, stop)));
    position = Math.min(HEAD.length, stop);
  }
  const recordsEnd = HEAD.length + spec.records * RECORD_WIDTH;
  const templates = position < Math.min(stop, recordsEnd) ? templatesOf(spec) : undefined;
  while (templates && position < Math.min(stop, recordsEnd)) {
    const first = Math.floor((position - HEAD.length) / RECORD_WIDTH);
    const last = Math.min(spec.records, first + RECORDS_PER_CHUNK);
    const bytes = new Uint8Array((last - first) * RECORD_WIDTH);
    for (let k = first; k < last; k++) {
      const slot = k % templates.count;
      const base = (k - first) * RECORD_WIDTH;
      bytes.set(templates.bytes.subarray(slot * RECORD_WIDTH, (slot + 1) * RECORD_WIDTH), base);
      const time = timeOf(spec, k);
      const at = base + templates.timeOffsets[slot]!;
      for (let i = 0; i < time.length; i++) bytes[at + i] = time.charCodeAt(i);
      if (k === spec.records - 1) bytes[base + RECORD_WIDTH - 2] = 0x20;
    }
    const chunkStart = HEAD.length + first * RECORD_WIDTH;
    const from = position - chunkStart;
    const to = Math.min(bytes.length, stop - chunkStart);
    yield from === 0 && to === bytes.length ? bytes : bytes.subarray(from, to);
    position = chunkStart + to;
  }
  if (position < stop) {
    yield encoder.encode(TAIL.slice(position - recordsEnd, stop - recordsEnd));
  }
}
