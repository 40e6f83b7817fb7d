import { type DiscoveryDocument, listMethods } from "./discovery-document.js";

/**
 * Runtime facts about an API, derived from its discovery document.
 *
 * @example
 * ```ts
 * const meta: ApiMetadata = apiMetadata(doc);
 * console.log(meta.revision, meta.resources.length);
 * ```
 */
export interface ApiMetadata {
  revision: string;
  /** The common prefix of every scope, e.g. `https://www.googleapis.com/auth/dataportability.`. */
  scopePrefix: string;
  /** Resource names (scope minus prefix), sorted. */
  resources: string[];
  /** Description of each resource's scope. */
  descriptions: Record<string, string>;
  /** Each operation, by discovery method id. */
  operations: Record<string, { httpMethod: string; path: string; resources: string[] }>;
}

/**
 * Derives resources, scopes and operations from a discovery document whose scopes share
 * one prefix (`https://www.googleapis.com/auth/<service>.`).
 *
 * @example
 * ```ts
 * const meta = apiMetadata(doc);
 * meta.resources.length; // 72 for revision 20260105
 * ```
 */
export function apiMetadata(doc: DiscoveryDocument): ApiMetadata {
  const scopes = doc.auth?.oauth2?.scopes ?? {};
  const scopePrefix = `https://www.googleapis.com/auth/${doc.name}.`;
  const resourceOf = (scope: string) =>
    scope.startsWith(scopePrefix) ? scope.slice(scopePrefix.length) : undefined;
  const resources = Object.keys(scopes)
    .map(resourceOf)
    .filter((resource): resource is string => resource !== undefined)
    .sort();
  const descriptions = Object.fromEntries(
    resources.map((resource) => [resource, scopes[scopePrefix + resource]?.description ?? ""]),
  );
  const operations = Object.fromEntries(
    listMethods(doc)
      .sort((a, b) => a.method.id.localeCompare(b.method.id))
      .map(({ method }) => [
        method.id,
        {
          httpMethod: method.httpMethod,
          path: `/${method.flatPath ?? method.path}`,
          resources: (method.scopes ?? [])
            .map(resourceOf)
            .filter((resource): resource is string => resource !== undefined)
            .sort(),
        },
      ]),
  );
  return { revision: doc.revision ?? "unknown", scopePrefix, resources, descriptions, operations };
}
