import {
  type DiscoveryDocument,
  type DiscoveryMethod,
  type DiscoverySchema,
  listMethods,
} from "./discovery-document.js";
import {
  discoverySchemaToJsonSchema,
  SCHEMA_REF_PREFIX,
} from "./discovery-schema-to-json-schema.js";
import type { OpenApiDocument, OpenApiOverlay } from "./openapi-document.js";

/** Google's OAuth 2.0 endpoints, written into the `oauth2` security scheme. */
const GOOGLE_AUTHORIZATION_URL = "https://accounts.google.com/o/oauth2/auth";
const GOOGLE_TOKEN_URL = "https://oauth2.googleapis.com/token";

/**
 * Options of {@link discoveryToOpenApi}.
 *
 * @example
 * ```ts
 * const options: DiscoveryToOpenApiOptions = { overlay: JSON.parse(overlayText) };
 * discoveryToOpenApi(doc, options);
 * ```
 */
export interface DiscoveryToOpenApiOptions {
  /** Merged into `components`; every operation gets `default: { $ref: "#/components/responses/Error" }` when it defines `responses.Error`. */
  overlay?: OpenApiOverlay;
}

/**
 * Converts any Google API discovery document into an OpenAPI 3.1 document.
 *
 * - paths come from `flatPath` (or `path`), with `{param}` path parameters and literal
 *   colon suffixes such as `:retry`;
 * - `operationId` is the discovery method id; tags are the (dotted) resource paths;
 * - global parameters become `components.parameters`, referenced by every operation;
 * - the OAuth 2.0 scopes become an `oauth2` security scheme, required per operation;
 * - schemas follow {@link discoverySchemaToJsonSchema}.
 *
 * @example
 * ```ts
 * import { discoveryToOpenApi, parseDiscoveryDocument } from "@dataportability/spec/converter";
 * const openapi = discoveryToOpenApi(parseDiscoveryDocument(JSON.parse(text)));
 * console.log(Object.keys(openapi.paths));
 * ```
 */
export function discoveryToOpenApi(
  doc: DiscoveryDocument,
  options: DiscoveryToOpenApiOptions = {},
): OpenApiDocument {
  const scopes = doc.auth?.oauth2?.scopes ?? {};
  const globalParameters = Object.entries(doc.parameters ?? {});
  const overlayResponses = options.overlay?.components?.responses ?? {};
  const hasErrorResponse = "Error" in overlayResponses;

  const out: OpenApiDocument = {
    openapi: "3.1.0",
    info: {
      title: doc.title ?? doc.name,
      version: doc.version,
      ...(doc.description !== undefined && { description: doc.description }),
      ...(doc.revision !== undefined && { "x-revision": doc.revision }),
      "x-discovery-id": doc.id ?? `${doc.name}:${doc.version}`,
    },
    ...(doc.documentationLink !== undefined && { externalDocs: { url: doc.documentationLink } }),
    servers: [{ url: joinUrl(doc.rootUrl, doc.servicePath ?? "") }],
    tags: [],
    paths: {},
    components: {
      schemas: {},
      parameters: Object.fromEntries(
        globalParameters.map(([name, schema]) => [componentKey(name), toParameter(name, schema)]),
      ),
      responses: { ...overlayResponses },
      securitySchemes: {},
    },
  };

  if (Object.keys(scopes).length > 0) {
    out.components.securitySchemes.oauth2 = {
      type: "oauth2",
      description: "Google OAuth 2.0.",
      flows: {
        authorizationCode: {
          authorizationUrl: GOOGLE_AUTHORIZATION_URL,
          tokenUrl: GOOGLE_TOKEN_URL,
          scopes: Object.fromEntries(
            Object.entries(scopes).map(([scope, { description }]) => [scope, description ?? ""]),
          ),
        },
      },
    };
  }

  const tags = new Set<string>();
  for (const { resource, method } of listMethods(doc)) {
    if (resource) tags.add(resource);
    const path = `/${method.flatPath ?? method.path}`;
    const pathItem = out.paths[path] ?? {};
    out.paths[path] = pathItem;
    pathItem[method.httpMethod.toLowerCase()] = toOperation(method, resource, {
      globalParameterRefs: globalParameters.map(([name]) => ({
        $ref: `#/components/parameters/${componentKey(name)}`,
      })),
      withSecurity: Object.keys(scopes).length > 0,
      hasErrorResponse,
    });
  }
  out.tags = [...tags].sort().map((name) => ({ name }));

  for (const [name, schema] of Object.entries(doc.schemas ?? {})) {
    out.components.schemas[name] = discoverySchemaToJsonSchema(schema);
  }
  for (const [name, schema] of Object.entries(options.overlay?.components?.schemas ?? {})) {
    if (name in out.components.schemas) {
      throw new Error(`overlay schema "${name}" would replace the discovery schema of that name`);
    }
    out.components.schemas[name] = schema;
  }
  return out;
}

interface OperationContext {
  globalParameterRefs: { $ref: string }[];
  withSecurity: boolean;
  hasErrorResponse: boolean;
}

function toOperation(method: DiscoveryMethod, resource: string, context: OperationContext) {
  const operation: Record<string, unknown> = { operationId: method.id };
  if (resource) operation.tags = [resource];
  if (method.description !== undefined) operation.description = method.description;
  if (method.deprecated) operation.deprecated = true;
  operation.parameters = [...context.globalParameterRefs, ...methodParameters(method)];
  if (method.request) {
    operation.requestBody = {
      required: true,
      content: {
        "application/json": { schema: { $ref: SCHEMA_REF_PREFIX + method.request.$ref } },
      },
    };
  }
  operation.responses = {
    "200": method.response
      ? {
          description: "Successful response.",
          content: {
            "application/json": { schema: { $ref: SCHEMA_REF_PREFIX + method.response.$ref } },
          },
        }
      : { description: "Successful response." },
    ...(context.hasErrorResponse && { default: { $ref: "#/components/responses/Error" } }),
  };
  if (context.withSecurity) operation.security = [{ oauth2: [...(method.scopes ?? [])] }];
  return operation;
}

/**
 * The operation's own parameters. With a `flatPath` that differs from `path`, the path
 * parameters are the `{names}` of the flat path; each gets the pattern of the path
 * segment it stands for when the expanded parameter's pattern says it.
 */
function methodParameters(method: DiscoveryMethod): unknown[] {
  const declared = Object.entries(method.parameters ?? {});
  const flatPath = method.flatPath;
  const query = declared.filter(([, schema]) => schema.location !== "path");
  if (flatPath === undefined || flatPath === method.path) {
    return [...declared.filter(([, s]) => s.location === "path"), ...query].map(([name, schema]) =>
      toParameter(name, schema),
    );
  }
  const pathNames = [...flatPath.matchAll(/\{([^}]+)\}/g)].map((match) => match[1]!);
  const segmentPatterns = flatSegmentPatterns(method);
  const pathParameters = pathNames.map((name) => ({
    name,
    in: "path",
    required: true,
    schema: { type: "string", pattern: segmentPatterns.get(name) ?? "^[^/]+$" },
  }));
  return [...pathParameters, ...query.map(([name, schema]) => toParameter(name, schema))];
}

/** Aligns the segments of the expanded parameter's pattern with the flat path's `{names}`. */
function flatSegmentPatterns(method: DiscoveryMethod): Map<string, string> {
  const out = new Map<string, string>();
  const expanded = Object.entries(method.parameters ?? {}).find(([name, schema]) => {
    return schema.location === "path" && method.path.includes(`{+${name}}`) && schema.pattern;
  });
  if (!expanded) return out;
  const [name, schema] = expanded;
  const [before, after] = method.path.split(`{+${name}}`) as [string, string];
  const flatPath = method.flatPath!;
  if (!flatPath.startsWith(before) || !flatPath.endsWith(after)) return out;
  const flatSegments = flatPath.slice(before.length, flatPath.length - after.length).split("/");
  const patternSegments = schema.pattern!.replace(/^\^/, "").replace(/\$$/, "").split("/");
  if (flatSegments.length !== patternSegments.length) return out;
  flatSegments.forEach((segment, index) => {
    const match = /^\{([^}]+)\}$/.exec(segment);
    if (match) out.set(match[1]!, `^${patternSegments[index]}$`);
  });
  return out;
}

function toParameter(name: string, schema: DiscoverySchema) {
  const location = schema.location ?? "query";
  const parameter: Record<string, unknown> = { name, in: location };
  if (schema.description !== undefined) parameter.description = schema.description;
  if (schema.required || location === "path") parameter.required = true;
  if (schema.deprecated) parameter.deprecated = true;
  const { description: _, ...rest } = schema;
  parameter.schema = discoverySchemaToJsonSchema(rest);
  if (schema.repeated) {
    parameter.style = "form";
    parameter.explode = true;
  }
  return parameter;
}

/** OpenAPI component keys allow `[a-zA-Z0-9._-]` only (`$.xgafv` becomes `xgafv`). */
function componentKey(name: string): string {
  return name.replace(/[^a-zA-Z0-9._-]/g, "").replace(/^\.+/, "");
}

/** The server URL, without a trailing slash: operation paths start with one. */
function joinUrl(root: string, path: string): string {
  return `${root.replace(/\/+$/, "")}/${path.replace(/^\/+/, "")}`.replace(/\/+$/, "");
}
