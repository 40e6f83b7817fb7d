export type { ApiMetadata } from "./converter/api-metadata.js";
export { apiMetadata } from "./converter/api-metadata.js";
export type {
  DiscoveryDocument,
  DiscoveryMethod,
  DiscoveryResource,
  DiscoverySchema,
  LocatedMethod,
} from "./converter/discovery-document.js";
export {
  listMethods,
  NotADiscoveryDocumentError,
  parseDiscoveryDocument,
} from "./converter/discovery-document.js";
export { discoverySchemaToJsonSchema } from "./converter/discovery-schema-to-json-schema.js";
export type { DiscoveryToOpenApiOptions } from "./converter/discovery-to-openapi.js";
export { discoveryToOpenApi } from "./converter/discovery-to-openapi.js";
export type { JsonSchema, OpenApiDocument, OpenApiOverlay } from "./converter/openapi-document.js";
export { GENERATED_HEADER, renderMetadata } from "./converter/render-metadata.js";
export type { SemverBump, SpecChange, SpecChangeKind, SpecDiff } from "./diff/diff-discovery.js";
export { diffDiscovery, formatSpecDiff } from "./diff/diff-discovery.js";
