import { RESOURCES, type Resource, SCOPE_PREFIX } from "@dataportability/spec";
import { didYouMean } from "./did-you-mean.js";
import { InvalidArgumentError } from "./invalid-argument-error.js";

export type { Resource };
export { RESOURCES, SCOPE_PREFIX };

/**
 * Whether a value is a resource group the API knows (one OAuth scope each).
 *
 * @example
 * ```ts
 * isResource("myactivity.youtube"); // true
 * isResource("youtube");            // false
 * ```
 */
export function isResource(value: unknown): value is Resource {
  return typeof value === "string" && (RESOURCES as readonly string[]).includes(value);
}

/**
 * The OAuth scope that authorizes exporting a resource.
 *
 * @throws {InvalidArgumentError} for an unknown resource.
 * @example
 * ```ts
 * scopeFor("myactivity.youtube");
 * // "https://www.googleapis.com/auth/dataportability.myactivity.youtube"
 * ```
 */
export function scopeFor(resource: Resource): string {
  if (!isResource(resource)) {
    throw new InvalidArgumentError(
      "resource",
      `unknown resource ${JSON.stringify(resource)}`,
      `one of the ${RESOURCES.length} names in RESOURCES`,
      didYouMean(String(resource), RESOURCES),
    );
  }
  return SCOPE_PREFIX + resource;
}

/**
 * The OAuth scopes for a list of resources, in the same order.
 *
 * @example
 * ```ts
 * scopesFor(["myactivity.youtube", "youtube.comments"]).join(" ");
 * ```
 */
export function scopesFor(resources: readonly Resource[]): string[] {
  return resources.map(scopeFor);
}

/**
 * The resource a Data Portability scope authorizes, or `undefined` for any other scope.
 *
 * @example
 * ```ts
 * resourceFor("https://www.googleapis.com/auth/dataportability.myactivity.youtube"); // "myactivity.youtube"
 * resourceFor("openid"); // undefined
 * ```
 */
export function resourceFor(scope: string): Resource | undefined {
  const resource = scope.startsWith(SCOPE_PREFIX) ? scope.slice(SCOPE_PREFIX.length) : undefined;
  return isResource(resource) ? resource : undefined;
}
