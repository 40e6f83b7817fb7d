import { RESOURCES, type Resource, SCOPE_PREFIX } from "@dataportability/spec";

const RESOURCE_SET: ReadonlySet<string> = new Set(RESOURCES);

/**
 * The OAuth scopes of some resources, space-separated, as Google reports `scope`.
 *
 * @example
 * ```ts
 * scopeString(["myactivity.youtube"]); // "https://www.googleapis.com/auth/dataportability.myactivity.youtube"
 * ```
 */
export function scopeString(resources: Iterable<Resource>): string {
  return [...resources].map((r) => SCOPE_PREFIX + r).join(" ");
}

/**
 * Splits a `scope` parameter into Data Portability resources (full scopes or bare resource
 * names) and anything else.
 *
 * @example
 * ```ts
 * parseScopes("myactivity.youtube https://www.googleapis.com/auth/drive");
 * // { resources: ["myactivity.youtube"], invalid: ["https://www.googleapis.com/auth/drive"] }
 * ```
 */
export function parseScopes(text: string | null): { resources: Resource[]; invalid: string[] } {
  const resources: Resource[] = [];
  const invalid: string[] = [];
  for (const scope of (text ?? "").split(/[\s+]+/).filter(Boolean)) {
    const name = scope.startsWith(SCOPE_PREFIX) ? scope.slice(SCOPE_PREFIX.length) : scope;
    if (RESOURCE_SET.has(name)) {
      if (!resources.includes(name as Resource)) resources.push(name as Resource);
    } else invalid.push(scope);
  }
  return { resources, invalid };
}
