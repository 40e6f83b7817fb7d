export type {
  ArchiveField,
  ArchiveFieldType,
  ArchiveLayout,
  ArchiveObject,
  ArchiveService,
} from "./archive/archive-catalog.js";
export {
  ARCHIVE_FIELD_TYPES,
  ARCHIVE_LAYOUTS,
  ArchiveCatalogError,
  parseArchiveService,
  uncoveredResourceGroups,
} from "./archive/archive-catalog.js";
export type { ArchiveObjectInfo, RecordIssue } from "./archive/archive-checks.js";
export { fieldAt, holdsJsonInCsv, isCellOf, isValueOf } from "./archive/archive-checks.js";
export type { ArchiveObjectsOf, ArchiveRecordTypes } from "./generated/archive-schema.gen.js";
export * from "./generated/archive-schema.gen.js";
