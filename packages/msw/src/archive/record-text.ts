import type { Resource } from "@dataportability/spec";
import { DAY_MS, ISO_TIME_LENGTH, writeIsoTime } from "../clock/iso-time.js";
import { hash32, hash32Pair } from "../emulator/seeded-random.js";

/** Every generated record takes exactly this many bytes (JSON + separator), so any byte offset maps to a record in O(1). */
export const RECORD_WIDTH = 512;
/** Records repeat their text (not their timestamps) every this many records. */
export const RECORD_TEMPLATES = 512;

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
const NOTES_OVERHEAD = ',"notes":""}'.length;

/**
 * The timestamp of record `index`: records spread evenly over [fromMs, toMs], newest first.
 *
 * @example
 * ```ts
 * new Date(recordTimeMs(spec, 0)).toISOString(); // close to spec.toMs
 * ```
 */
export function recordTimeMs(spec: RecordFileSpec, index: number): number {
  const span = Math.max(0, spec.toMs - spec.fromMs);
  return Math.trunc(spec.toMs - Math.floor((span * (index + 0.5)) / spec.records));
}

const NOWHERE = new Uint8Array(0);

// Writes ASCII text byte by byte: rendering allocates no strings, so the templates of a
// multi-GB archive (rendered afresh for each file it streams) leave little garbage behind.
class AsciiWriter {
  out: Uint8Array = NOWHERE;
  at = 0;

  text(value: string, from = 0, to = value.length): void {
    for (let i = from; i < to; i++) this.out[this.at++] = value.charCodeAt(i);
  }

  words(h: number, separator: number): void {
    this.text(WORDS[h % 32]!);
    this.out[this.at++] = separator;
    this.text(WORDS[(h >>> 5) % 32]!);
    this.out[this.at++] = separator;
    this.text(WORDS[(h >>> 10) % 32]!);
  }

  id(h: number, length: number): void {
    let x = h;
    for (let i = 0; i < length; i++) {
      x = hash32Pair(x, i);
      this.out[this.at++] = ID_CHARS.charCodeAt(x & 63);
    }
  }

  titleUrl(resource: Resource, h: number): void {
    if (resource.includes("youtube")) {
      this.text("https://www.youtube.com/watch?v=");
      this.id(h, 11);
    } else if (resource.endsWith("search")) {
      this.text("https://www.google.com/search?q=");
      this.words(h, 0x2b);
    } else if (resource.includes("maps")) {
      this.text("https://www.google.com/maps/place/?q=place_id:ChIJ");
      this.id(h, 23);
    } else if (resource.includes("play")) {
      this.text("https://play.google.com/store/apps/details?id=com.");
      this.words(h, 0x2e);
    } else {
      this.text("https://www.google.com/search?q=");
      this.words(h, 0x2b);
    }
  }
}

const writer = new AsciiWriter();

/**
 * Writes record `index` of a file at `out[at…at+RECORD_WIDTH-2)`: its JSON text, ASCII only,
 * padded to exactly `RECORD_WIDTH - 2` characters. Returns where its timestamp (24 characters)
 * starts, relative to `at`. Records repeat their text every 512 records; only their timestamps
 * differ.
 *
 * @example
 * ```ts
 * const out = new Uint8Array(RECORD_WIDTH);
 * const timeAt = writeRecord(spec, 0, out, 0);
 * ```
 */
export function writeRecord(
  spec: RecordFileSpec,
  index: number,
  out: Uint8Array,
  at: number,
): number {
  const h = hash32Pair(spec.seed, index % RECORD_TEMPLATES);
  const w = writer;
  w.out = out;
  w.at = at;
  let timeAt: number;
  if (spec.resource.startsWith("myactivity.")) {
    w.text('{"header":"');
    w.text(spec.product);
    w.text('","title":"Viewed ');
    w.words(h, 0x20);
    w.text('","titleUrl":"');
    w.titleUrl(spec.resource, h);
    w.text('","time":"');
    timeAt = w.at;
    w.at += ISO_TIME_LENGTH;
    w.text('","products":["');
    w.text(spec.product);
    w.text('"],"activityControls":["');
    w.text(spec.product);
    w.text(' activity"]');
  } else {
    w.text('{"id":"');
    w.id(h, 16);
    w.text('","resource":"');
    w.text(spec.resource);
    w.text('","product":"');
    w.text(spec.product);
    w.text('","title":"');
    w.words(h, 0x20);
    w.text('","url":"');
    w.titleUrl(spec.resource, h);
    w.text('","created":"');
    timeAt = w.at;
    w.at += ISO_TIME_LENGTH;
    w.text('"');
  }
  const ms = recordTimeMs(spec, index);
  const day = Math.floor(ms / DAY_MS);
  writeIsoTime(day, ms - day * DAY_MS, out, timeAt);
  const padLength = RECORD_WIDTH - 2 - (w.at - at) - NOTES_OVERHEAD;
  if (padLength < 0) {
    w.out = NOWHERE;
    throw new RangeError(
      `Record ${index} of ${spec.resource} needs more than ${RECORD_WIDTH - 2} characters`,
    );
  }
  const start = h % 2048;
  w.text(',"notes":"');
  w.text(FILLER, start, start + padLength);
  w.text('"}');
  w.out = NOWHERE; // hold no caller's buffer between calls
  return timeAt - at;
}

const scratch = new Uint8Array(RECORD_WIDTH);
const decoder = new TextDecoder();

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
  writeRecord(spec, index, scratch, 0);
  return decoder.decode(scratch.subarray(0, RECORD_WIDTH - 2));
}
