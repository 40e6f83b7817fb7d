/**
 * The parts of a Google API discovery document (`discovery#restDescription`) that the
 * converter and the differ read. Unknown keys are allowed and ignored.
 */

/**
 * A JSON schema as Google's discovery format writes it.
 *
 * @example
 * ```ts
 * const when: DiscoverySchema = { type: "string", format: "google-datetime" };
 * ```
 */
export interface DiscoverySchema {
  id?: string;
  $ref?: string;
  type?: "any" | "array" | "boolean" | "integer" | "number" | "object" | "string" | "null";
  format?: string;
  description?: string;
  default?: string;
  required?: boolean;
  pattern?: string;
  minimum?: string;
  maximum?: string;
  enum?: string[];
  enumDescriptions?: string[];
  enumDeprecated?: boolean[];
  deprecated?: boolean;
  readOnly?: boolean;
  properties?: Record<string, DiscoverySchema>;
  additionalProperties?: DiscoverySchema;
  items?: DiscoverySchema;
  repeated?: boolean;
  location?: "path" | "query";
  annotations?: { required?: string[] };
}

/**
 * One REST method of a discovery document.
 *
 * @example
 * ```ts
 * const method: DiscoveryMethod = doc.resources!.archiveJobs!.methods!.retry!;
 * console.log(method.httpMethod, method.flatPath);
 * ```
 */
export interface DiscoveryMethod {
  id: string;
  path: string;
  flatPath?: string;
  httpMethod: string;
  description?: string;
  parameters?: Record<string, DiscoverySchema>;
  parameterOrder?: string[];
  request?: { $ref: string };
  response?: { $ref: string };
  scopes?: string[];
  deprecated?: boolean;
}

/**
 * A resource: methods, and possibly nested resources.
 *
 * @example
 * ```ts
 * const archiveJobs: DiscoveryResource = doc.resources!.archiveJobs!;
 * console.log(Object.keys(archiveJobs.methods ?? {}));
 * ```
 */
export interface DiscoveryResource {
  methods?: Record<string, DiscoveryMethod>;
  resources?: Record<string, DiscoveryResource>;
}

/**
 * A whole discovery document.
 *
 * @example
 * ```ts
 * const doc: DiscoveryDocument = parseDiscoveryDocument(JSON.parse(text));
 * console.log(doc.revision);
 * ```
 */
export interface DiscoveryDocument {
  kind: "discovery#restDescription";
  discoveryVersion?: string;
  id?: string;
  name: string;
  version: string;
  revision?: string;
  title?: string;
  description?: string;
  documentationLink?: string;
  rootUrl: string;
  servicePath?: string;
  parameters?: Record<string, DiscoverySchema>;
  auth?: { oauth2?: { scopes?: Record<string, { description?: string }> } };
  schemas?: Record<string, DiscoverySchema>;
  resources?: Record<string, DiscoveryResource>;
  methods?: Record<string, DiscoveryMethod>;
}

/**
 * Thrown when a value is not a usable discovery document.
 *
 * @example
 * ```ts
 * try {
 *   parseDiscoveryDocument({ kind: "openapi" });
 * } catch (error) {
 *   if (error instanceof NotADiscoveryDocumentError) console.error(error.message);
 * }
 * ```
 */
export class NotADiscoveryDocumentError extends Error {
  override readonly name = "NotADiscoveryDocumentError";
}

/**
 * Checks that `value` looks like a discovery document and returns it typed.
 *
 * @throws {NotADiscoveryDocumentError} naming the first missing or wrong key.
 * @example
 * ```ts
 * const doc = parseDiscoveryDocument(JSON.parse(text));
 * console.log(doc.revision);
 * ```
 */
export function parseDiscoveryDocument(value: unknown): DiscoveryDocument {
  if (typeof value !== "object" || value === null || Array.isArray(value)) {
    throw new NotADiscoveryDocumentError("expected a JSON object");
  }
  const doc = value as Record<string, unknown>;
  if (doc.kind !== "discovery#restDescription") {
    throw new NotADiscoveryDocumentError(
      `expected "kind": "discovery#restDescription", found ${JSON.stringify(doc.kind ?? null)}`,
    );
  }
  for (const key of ["name", "version", "rootUrl"] as const) {
    if (typeof doc[key] !== "string") {
      throw new NotADiscoveryDocumentError(`expected a string "${key}"`);
    }
  }
  if (doc.resources === undefined && doc.methods === undefined) {
    throw new NotADiscoveryDocumentError('expected "resources" or "methods"');
  }
  return value as DiscoveryDocument;
}

/**
 * A method together with the dotted path of the resource that holds it.
 *
 * @example
 * ```ts
 * const [first]: LocatedMethod[] = listMethods(doc);
 * console.log(first?.resource, first?.name);
 * ```
 */
export interface LocatedMethod {
  /** Dotted resource path, e.g. `archiveJobs` or `projects.locations`; empty for top-level methods. */
  resource: string;
  /** The method's name within its resource, e.g. `retry`. */
  name: string;
  method: DiscoveryMethod;
}

/**
 * Lists every method of a document, depth first, nested resources included.
 *
 * @example
 * ```ts
 * for (const { resource, method } of listMethods(doc)) console.log(resource, method.id);
 * ```
 */
export function listMethods(doc: DiscoveryDocument): LocatedMethod[] {
  const out: LocatedMethod[] = [];
  const visit = (
    prefix: string,
    methods: Record<string, DiscoveryMethod> | undefined,
    resources: Record<string, DiscoveryResource> | undefined,
  ) => {
    for (const [name, method] of Object.entries(methods ?? {})) {
      out.push({ resource: prefix, name, method });
    }
    for (const [name, child] of Object.entries(resources ?? {})) {
      visit(prefix ? `${prefix}.${name}` : name, child.methods, child.resources);
    }
  };
  visit("", doc.methods, doc.resources);
  return out;
}
