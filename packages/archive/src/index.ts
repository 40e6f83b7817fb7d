export type { Archive, ArchiveInput, OpenArchiveOptions } from "./archive-input.js";
export { openArchive } from "./archive-input.js";
export type { ArchiveFile, ArchiveItem, ArchiveRecord, ObjectKeysOf } from "./archive-item.js";
export type { ArchiveLimit, RecordProblem } from "./errors.js";
export {
  ArchiveFormatError,
  ArchiveTooLargeError,
  InvalidRecordError,
  UnsafeArchiveEntryError,
} from "./errors.js";
export type { ReadRecordsOptions } from "./read/read-options.js";
export { readRecords } from "./read-records.js";
export type { ArchiveLimits } from "./zip/archive-limits.js";
export { ARCHIVE_LIMIT_DEFAULTS, RATIO_CHECK_FLOOR_BYTES } from "./zip/archive-limits.js";
export { safeEntryName } from "./zip/entry-name.js";
export type { ZipEntry } from "./zip/zip-entries.js";
export { zipEntries } from "./zip/zip-entries.js";
