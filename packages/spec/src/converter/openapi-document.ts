/**
 * The subset of OpenAPI 3.1 that the converter writes. Kept loose on purpose: the output
 * is validated against the OpenAPI 3.1 schema in the tests.
 */

/**
 * A JSON Schema (2020-12 dialect, as OpenAPI 3.1 uses it).
 *
 * @example
 * ```ts
 * const state: JsonSchema = openapi.components.schemas.PortabilityArchiveState!;
 * ```
 */
export type JsonSchema = { [key: string]: unknown };

/**
 * An OpenAPI 3.1 document.
 *
 * @example
 * ```ts
 * const openapi: OpenApiDocument = discoveryToOpenApi(doc);
 * console.log(Object.keys(openapi.paths));
 * ```
 */
export interface OpenApiDocument {
  openapi: "3.1.0";
  info: { title: string; version: string; description?: string; [key: `x-${string}`]: unknown };
  externalDocs?: { url: string };
  servers: { url: string }[];
  tags: { name: string; description?: string }[];
  paths: Record<string, Record<string, unknown>>;
  components: {
    schemas: Record<string, JsonSchema>;
    parameters: Record<string, unknown>;
    responses: Record<string, unknown>;
    securitySchemes: Record<string, unknown>;
  };
}

/**
 * Our own additions merged into every converted document (see `spec/overlay.json`).
 *
 * @example
 * ```ts
 * const overlay: OpenApiOverlay = { components: { responses: { Error: { description: "An error." } } } };
 * discoveryToOpenApi(doc, { overlay });
 * ```
 */
export interface OpenApiOverlay {
  components?: {
    schemas?: Record<string, JsonSchema>;
    responses?: Record<string, unknown>;
  };
}
