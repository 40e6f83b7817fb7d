import type { Resource } from "@dataportability/spec";
import { DAY_MS, ISO_TIME_LENGTH, writeIsoTime } from "../clock/iso-time.js";
import { hash32, hash32Pair } from "../emulator/seeded-random.js";
import { MICROSECONDS_FIELD, type RecordShape, type ShapeField } from "./record-shape.js";

/** Every generated record takes exactly this many bytes (JSON + separator, or a CSV row), so any byte offset maps to a record in O(1). */
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
  /** The catalog object whose records the file holds; generic records without it. */
  readonly shape?: RecordShape;
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
  /** Where the record's first timestamp starts, or -1. */
  timeAt = -1;
  /** Optional fields end before this index, leaving room for closing brackets. */
  limit = 0;

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

  time(ms: number): void {
    if (this.timeAt < 0) this.timeAt = this.at;
    const day = Math.floor(ms / DAY_MS);
    writeIsoTime(day, ms - day * DAY_MS, this.out, this.at);
    this.at += ISO_TIME_LENGTH;
  }

  // A value of a catalog type: JSON, or a CSV cell (never a newline; quoted only when it holds
  // JSON text).
  value(field: ShapeField, resource: Resource, h: number, ms: number, csv: boolean): void {
    const quote = csv ? "" : '"';
    switch (field.type) {
      case "url":
        this.text(quote);
        this.titleUrl(resource, h);
        this.text(quote);
        return;
      case "timestamp":
        this.text(quote);
        this.time(ms);
        this.text(quote);
        return;
      case "integer":
        // Microseconds since the epoch (Chrome's `time_usec`) are the record's time.
        this.text(String(MICROSECONDS_FIELD.test(field.name) ? ms * 1000 : h % 100_000));
        return;
      case "number":
        this.text(`${h % 1000}.${h % 10}`);
        return;
      case "boolean":
        this.text(h & 1 ? "true" : "false");
        return;
      case "string":
        this.text(quote);
        if (/(?:^|[\s_])id$|I[dD]$/.test(field.name)) this.id(h, 16);
        else this.words(h, 0x20);
        this.text(quote);
        return;
    }
    // Structured values are JSON; in a CSV cell, JSON text in a quoted cell (quotes doubled).
    const q = csv ? '""' : '"';
    if (csv) this.text('"');
    if (field.children && !csv) {
      this.object(field.children, resource, h, ms);
    } else if (field.type === "list<string>") {
      this.text(`[${q}`);
      this.words(h, 0x20);
      this.text(`${q}]`);
    } else if (field.type === "object") {
      this.text(`{${q}name${q}:${q}`);
      this.words(h, 0x20);
      this.text(`${q}}`);
    } else {
      this.text(`[{${q}name${q}:${q}`);
      this.words(h, 0x20);
      this.text(`${q}}]`);
    }
    if (csv) this.text('"');
  }

  // A JSON object of `fields`: the required ones always, each optional one for three records
  // in four, and only while the record stays within `RECORD_WIDTH - 2` characters.
  object(fields: readonly ShapeField[], resource: Resource, h: number, ms: number): void {
    const start = this.at;
    this.out[this.at++] = 0x7b; // {
    fields.forEach((field, i) => {
      const hf = hash32Pair(h, i + 1);
      if (!field.required && (hf & 3) === 0) return;
      const before = this.at;
      const timeBefore = this.timeAt;
      if (this.at > start + 1) this.out[this.at++] = 0x2c; // ,
      this.text('"');
      this.text(field.name);
      this.text('":');
      this.value(field, resource, hf, ms, false);
      if (!field.required && this.at > this.limit) {
        this.at = before;
        this.timeAt = timeBefore;
      }
    });
    this.out[this.at++] = 0x7d; // }
  }

  // A CSV row of `fields`; optional cells are empty for one record in four or when too long.
  row(fields: readonly ShapeField[], resource: Resource, h: number, ms: number): void {
    fields.forEach((field, i) => {
      const hf = hash32Pair(h, i + 1);
      if (i > 0) this.out[this.at++] = 0x2c; // ,
      if (!field.required && (hf & 3) === 0) return;
      const before = this.at;
      const timeBefore = this.timeAt;
      this.value(field, resource, hf, ms, true);
      if (!field.required && this.at > this.limit) {
        this.at = before;
        this.timeAt = timeBefore;
      }
    });
  }
}

const writer = new AsciiWriter();

/**
 * Whether a file's records are CSV rows (each ends with a newline) rather than JSON array items
 * (each ends with a comma and a newline, the last one with a space and a newline).
 *
 * @example
 * ```ts
 * isCsv(spec); // false for My Activity
 * ```
 */
export function isCsv(spec: RecordFileSpec): boolean {
  return spec.shape?.csv === true;
}

/**
 * Writes record `index` of a file at `out[at…at+RECORD_WIDTH)`: its JSON text or CSV row, ASCII
 * only, padded to exactly `RECORD_WIDTH` bytes with its separator. Returns where its first
 * timestamp (24 characters) starts, relative to `at`, or -1 if it has none. Records repeat
 * their text every 512 records; only their first timestamps differ.
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
  const ms = recordTimeMs(spec, index);
  const w = writer;
  w.out = out;
  w.at = at;
  w.timeAt = -1;
  const csv = isCsv(spec);
  const end = at + RECORD_WIDTH - (csv ? 1 : 2);
  // My Activity keeps its richer records (headers and products named after the product).
  const shape = spec.resource.startsWith("myactivity.") ? undefined : spec.shape;
  if (shape) {
    w.limit = end - 16;
    if (csv) w.row(shape.fields, spec.resource, h, ms);
    else w.object(shape.fields, spec.resource, h, ms);
  } else if (spec.resource.startsWith("myactivity.")) {
    w.text('{"header":"');
    w.text(spec.product);
    w.text('","title":"Viewed ');
    w.words(h, 0x20);
    w.text('","titleUrl":"');
    w.titleUrl(spec.resource, h);
    w.text('","time":"');
    w.time(ms);
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
    w.time(ms);
    w.text('"');
  }
  const padLength = end - w.at - (shape ? (csv ? 1 : 0) : NOTES_OVERHEAD);
  if (padLength < 0) {
    w.out = NOWHERE;
    throw new RangeError(
      `Record ${index} of ${spec.resource} needs more than ${end - at} characters`,
    );
  }
  const start = h % 2048;
  if (!shape) {
    w.text(',"notes":"');
    w.text(FILLER, start, start + padLength);
    w.text('"}');
  } else if (csv) {
    out[w.at++] = 0x2c; // ,
    w.text(FILLER, start, start + padLength);
  } else {
    out.fill(0x20, w.at, end); // JSON allows whitespace between array items
  }
  out[end] = csv ? 0x0a : 0x2c; // \n or ,
  if (!csv) out[end + 1] = 0x0a;
  w.out = NOWHERE; // hold no caller's buffer between calls
  return w.timeAt < 0 ? -1 : w.timeAt - at;
}

const scratch = new Uint8Array(RECORD_WIDTH);
const decoder = new TextDecoder();

/**
 * The text of record `index` of a file without its separator: JSON padded to `RECORD_WIDTH - 2`
 * characters, or a CSV row of `RECORD_WIDTH - 1` (ASCII only). Records repeat their text every
 * 512 records; only their first timestamps differ.
 *
 * @example
 * ```ts
 * JSON.parse(recordText(spec, 0)).time; // an RFC 3339 timestamp inside [fromMs, toMs]
 * ```
 */
export function recordText(spec: RecordFileSpec, index: number): string {
  writeRecord(spec, index, scratch, 0);
  return decoder.decode(scratch.subarray(0, RECORD_WIDTH - (isCsv(spec) ? 1 : 2)));
}

/**
 * The text of a single-object JSON file (`json-object` layout) with `fields`: the required ones
 * always, each optional one for three files in four, timestamps at `ms`. A file of an object
 * the catalog gives no fields is `{}`.
 *
 * @example
 * ```ts
 * JSON.parse(new TextDecoder().decode(jsonObjectBytes(fields, "chrome.settings", 7, Date.now())));
 * ```
 */
export function jsonObjectBytes(
  fields: readonly ShapeField[],
  resource: Resource,
  seed: number,
  ms: number,
): Uint8Array {
  const out = new Uint8Array(64 * 1024);
  const w = writer;
  w.out = out;
  w.at = 0;
  w.timeAt = -1;
  w.limit = out.length - 1024;
  w.object(fields, resource, seed, ms);
  out[w.at++] = 0x0a;
  w.out = NOWHERE;
  return out.slice(0, w.at);
}
