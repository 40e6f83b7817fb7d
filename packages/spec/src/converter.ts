export type { ApiMetadata } from "./api-metadata.js";
export { apiMetadata } from "./api-metadata.js";
export type { SemverBump, SpecChange, SpecChangeKind, SpecDiff } from "./diff-discovery.js";
export { diffDiscovery, formatSpecDiff } from "./diff-discovery.js";
export type {
  DiscoveryDocument,
  DiscoveryMethod,
  DiscoveryResource,
  DiscoverySchema,
  LocatedMethod,
} from "./discovery-document.js";
export {
  listMethods,
  NotADiscoveryDocumentError,
  parseDiscoveryDocument,
} from "./discovery-document.js";
export { discoverySchemaToJsonSchema } from "./discovery-schema-to-json-schema.js";
export type { DiscoveryToOpenApiOptions } from "./discovery-to-openapi.js";
export { discoveryToOpenApi } from "./discovery-to-openapi.js";
export type { JsonSchema, OpenApiDocument, OpenApiOverlay } from "./openapi-document.js";
export { GENERATED_HEADER, renderMetadata } from "./render-metadata.js";
