import type { Resource } from "@dataportability/spec";
import { hash32, hashString } from "../emulator/seeded-random.js";
import { type EntryFile, recordFileSize } from "./archive-records.js";
import { fixedFileBytes, MEDIA_FILES } from "./fixed-file.js";
import {
  fixedShapes,
  pathFromPattern,
  type RecordShape,
  recordShapes,
  splittable,
} from "./record-shape.js";
import { RECORD_WIDTH } from "./record-text.js";
import { supportsTimeFilter } from "./time-filter.js";

/** Largest generated file inside an archive; bigger shares are split into numbered parts. */
export const MAX_FILE_BYTES = 8 * 1024 * 1024;
/** Smallest `archiveBytes` the emulator accepts. */
export const MIN_ARCHIVE_BYTES = 1024;
/** Largest `archiveBytes` the emulator accepts (a zip without zip64). */
export const MAX_ARCHIVE_BYTES = 4_000_000_000;

const LOCAL_HEADER = 30;
const CENTRAL_HEADER = 46;
const END_OF_CENTRAL = 22;
const encoder = new TextEncoder();

/** One stored file of an archive and where its bytes sit in the zip. */
export interface ArchiveEntryPlan {
  readonly name: string;
  readonly nameBytes: Uint8Array;
  readonly file: EntryFile;
  readonly size: number;
  readonly headerOffset: number;
  readonly dataOffset: number;
}

/** The full byte layout of one generated zip archive; its content is generated on demand. */
export interface ArchivePlan {
  readonly entries: readonly ArchiveEntryPlan[];
  readonly centralOffset: number;
  readonly centralSize: number;
  readonly size: number;
  readonly modifiedAtMs: number;
}

/** What decides an archive's content. */
export interface ArchivePlanInput {
  readonly seed: number;
  readonly jobId: string;
  /** Index of this archive among the job's archives, from 0. */
  readonly index: number;
  readonly count: number;
  readonly resources: readonly Resource[];
  /** The job's time window: the records of groups that support time filters fall within it. */
  readonly fromMs: number;
  readonly toMs: number;
  /** The window of the other groups, which ignore time filters; default the job's window. */
  readonly unfiltered?: { readonly fromMs: number; readonly toMs: number };
  readonly archiveBytes: number;
  readonly modifiedAtMs: number;
}

const PRODUCTS: Readonly<Record<string, string>> = {
  alerts: "Alerts",
  chrome: "Chrome",
  discover: "Discover",
  maps: "Maps",
  myactivity: "My Activity",
  mymaps: "My Maps",
  nest: "Nest",
  order_reserve: "Orders and Reservations",
  play: "Google Play Store",
  saved: "Saved",
  search_ugc: "Search Contributions",
  searchnotifications: "Search Notifications",
  shopping: "Shopping",
  streetview: "Street View",
  youtube: "YouTube and YouTube Music",
  search: "Search",
  myadcenter: "My Ad Center",
};

function entrySize(file: EntryFile): number {
  return "bytes" in file ? file.bytes.length : recordFileSize(file.records, file.shape);
}

function product(name: string): string {
  return PRODUCTS[name] ?? name.charAt(0).toUpperCase() + name.slice(1).replaceAll("_", " ");
}

function location(resource: Resource): { folder: string; file: string; product: string } {
  const [group, ...rest] = resource.split(".");
  const tail = rest.join("_");
  if (group === "myactivity") {
    const name = tail === "youtube" ? "YouTube" : product(tail);
    return { folder: `Portability/My Activity/${name}`, file: "MyActivity", product: name };
  }
  const name = product(group!);
  return { folder: `Portability/${name}`, file: tail, product: name };
}

/** A group's media files (a few per object), HTML pages and single JSON objects, with fixed bytes. */
function fixedEntries(input: ArchivePlanInput): { name: string; file: EntryFile }[] {
  return input.resources.flatMap((resource) => {
    const where = location(resource);
    const window = supportsTimeFilter(resource) ? input : (input.unfiltered ?? input);
    return fixedShapes(resource).flatMap((shape) => {
      const count = shape.layout === "media" && splittable(shape.pattern) ? MEDIA_FILES : 1;
      return Array.from({ length: count }, (_, k) => {
        const number = input.index * count + k + 1;
        const label = count > 1 || input.count > 1 ? `-${String(number).padStart(3, "0")}` : "";
        const name = `Portability/${pathFromPattern(shape.pattern, where.file, label)}`;
        const seed = hash32(
          input.seed,
          hashString(input.jobId),
          hashString(resource),
          hashString(shape.key),
          number,
        );
        const bytes = fixedFileBytes(shape, name, resource, seed, window.fromMs, window.toMs);
        return { name, file: { resource, key: shape.key, bytes } };
      });
    });
  });
}

/**
 * Lays out an archive: per resource, the files of every catalog object it exports. Objects with
 * records (JSON arrays, CSV tables) get one file each at the path their first catalog pattern
 * gives, under `Portability/`, split into numbered parts above 8 MiB where the pattern leaves
 * room for a number, and sized so the whole zip comes close to `archiveBytes`; media, HTML and
 * single-object JSON files are small: one per object, two per media object. A group with no record object gets a
 * filler file of generic records (`Portability/Emulator filler/<group>.txt`) that no catalog
 * pattern claims, so its archives reach their size too. Pure and deterministic: same input,
 * same bytes.
 *
 * @example
 * ```ts
 * const plan = planArchive({ seed: 1, jobId: "42", index: 0, count: 1, resources: ["myactivity.youtube"],
 *   fromMs: 0, toMs: Date.now(), archiveBytes: 65536, modifiedAtMs: Date.now() });
 * plan.entries[0].name; // "Portability/My Activity/YouTube/MyActivity.json"
 * ```
 */
export function planArchive(input: ArchivePlanInput): ArchivePlan {
  const fixed = fixedEntries(input);
  const fixedBytes = fixed.reduce(
    (sum, { name, file }) =>
      sum + LOCAL_HEADER + CENTRAL_HEADER + 2 * encoder.encode(name).length + entrySize(file),
    0,
  );
  const files = input.resources.flatMap((resource) => {
    const shapes: readonly (RecordShape | undefined)[] = recordShapes(resource);
    return (shapes.length > 0 ? shapes : [undefined]).map((shape, object) => ({
      resource,
      shape,
      object,
    }));
  });
  const share = Math.floor(
    Math.max(0, input.archiveBytes - fixedBytes) / Math.max(1, files.length),
  );
  const entries: ArchiveEntryPlan[] = [];
  let offset = 0;
  const add = (name: string, file: EntryFile) => {
    const nameBytes = encoder.encode(name);
    const size = entrySize(file);
    entries.push({
      name,
      nameBytes,
      file,
      size,
      headerOffset: offset,
      dataOffset: offset + LOCAL_HEADER + nameBytes.length,
    });
    offset += LOCAL_HEADER + nameBytes.length + size;
  };
  for (const { resource, shape, object } of files) {
    const where = location(resource);
    const window = supportsTimeFilter(resource) ? input : (input.unfiltered ?? input);
    const canSplit = !shape || splittable(shape.pattern);
    const parts = canSplit ? Math.max(1, Math.ceil(share / MAX_FILE_BYTES)) : 1;
    const numbered = canSplit && (parts > 1 || input.count > 1);
    for (let p = 0; p < parts; p++) {
      const partNumber = input.index * parts + p + 1;
      const label = numbered ? `-${String(partNumber).padStart(3, "0")}` : "";
      const name = shape
        ? `Portability/${pathFromPattern(shape.pattern, where.file, label)}`
        : `Portability/Emulator filler/${resource}${label}.txt`;
      const overhead = LOCAL_HEADER + CENTRAL_HEADER + 2 * encoder.encode(name).length + 4;
      const partBytes =
        Math.floor(share / parts) - overhead - END_OF_CENTRAL - (shape?.head.length ?? 0);
      const records = Math.max(1, Math.floor(partBytes / RECORD_WIDTH));
      add(name, {
        resource,
        product: where.product,
        records,
        // A group's second and later objects mix their position into the seed.
        seed: hash32(
          input.seed,
          hashString(input.jobId),
          input.index,
          hashString(resource),
          p,
          ...(object > 0 ? [object] : []),
        ),
        fromMs: window.fromMs,
        toMs: window.toMs,
        ...(shape ? { shape } : {}),
      });
    }
  }
  for (const { name, file } of fixed) add(name, file);
  const centralSize = entries.reduce((sum, e) => sum + CENTRAL_HEADER + e.nameBytes.length, 0);
  const size = offset + centralSize + END_OF_CENTRAL;
  if (size > 0xfffffffe || entries.length > 0xfffe) {
    throw new RangeError(
      `Archive of ${size} bytes in ${entries.length} files needs zip64, which the emulator does not write`,
    );
  }
  return { entries, centralOffset: offset, centralSize, size, modifiedAtMs: input.modifiedAtMs };
}
