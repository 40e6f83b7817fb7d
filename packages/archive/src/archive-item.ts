import type { Resource } from "@dataportability/spec";
import type { ArchiveObjectsOf, ArchiveRecordTypes } from "@dataportability/spec/archive";

/**
 * The catalog object keys a resource group exports (none for groups not yet catalogued).
 *
 * @example
 * ```ts
 * type Keys = ObjectKeysOf<"myactivity.youtube">; // "my_activity.activity" | …
 * ```
 */
export type ObjectKeysOf<R extends Resource> = R extends keyof ArchiveObjectsOf
  ? ArchiveObjectsOf[R]
  : never;

/**
 * One record of an archive file, typed by its resource group and object: narrow on `object`
 * to get the record's fields.
 *
 * @example
 * ```ts
 * function show(item: ArchiveRecord<"myactivity.youtube">) {
 *   if (item.object === "my_activity.activity") console.log(item.record.titleUrl);
 * }
 * ```
 */
export type ArchiveRecord<R extends Resource = Resource> = R extends Resource
  ? {
      [K in ObjectKeysOf<R>]: K extends keyof ArchiveRecordTypes
        ? {
            /** Always `"record"`: the item is a parsed record. */
            readonly kind: "record";
            /** The resource group the record's file belongs to. */
            readonly resource: R;
            /** The catalog object (`service.object`). */
            readonly object: K;
            /** The zip entry the record comes from. */
            readonly file: string;
            /** The record's position in its file (0-based). */
            readonly index: number;
            /** The record, typed by its object; fields the catalog does not know are kept. */
            readonly record: ArchiveRecordTypes[K];
          }
        : never;
    }[ObjectKeysOf<R>]
  : never;

/**
 * A media or HTML file of an archive (images, audio, video, Chrome's bookmarks page): handed
 * over as bytes, never parsed. Read `body` (or leave it) before asking for the next item.
 *
 * @example
 * ```ts
 * async function save(item: ArchiveFile) {
 *   const chunks: Uint8Array[] = [];
 *   for await (const chunk of item.body) chunks.push(chunk);
 * }
 * ```
 */
export interface ArchiveFile<R extends Resource = Resource> {
  /** Always `"file"`: the item is a file handed over as bytes. */
  readonly kind: "file";
  /** The resource group the file belongs to. */
  readonly resource: R;
  /** The catalog object (`service.object`). */
  readonly object: string;
  /** `media` (images, audio, video, other unparsed files) or `html`. */
  readonly layout: "media" | "html";
  /** The zip entry's name. */
  readonly file: string;
  /** Uncompressed size, when the zip declares it up front. */
  readonly size: number | undefined;
  /** The file's bytes, inflated and checked against the zip's CRC-32. Can be read once. */
  readonly body: AsyncIterable<Uint8Array>;
}

/**
 * What {@link readRecords} yields: records, and media/HTML files.
 *
 * @example
 * ```ts
 * function label(item: ArchiveItem): string {
 *   return item.kind === "record" ? `${item.file}#${item.index}` : item.file;
 * }
 * ```
 */
export type ArchiveItem<R extends Resource = Resource> = ArchiveRecord<R> | ArchiveFile<R>;
