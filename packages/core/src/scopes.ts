import { isResource, type Resource, SCOPE_PREFIX } from "./resources.js";
import { validateResources } from "./validation.js";

/**
 * The OAuth scopes for a list of resources, in the same order.
 *
 * @throws {InvalidArgumentError} for unknown or repeated resources, with a "did you mean".
 * @example
 * ```ts
 * scopesFor(["myactivity.youtube", "youtube.comments"]).join(" ");
 * ```
 */
export function scopesFor(resources: readonly Resource[]): string[] {
  return validateResources(resources).map((resource) => SCOPE_PREFIX + resource);
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
  return scopesFor([resource])[0]!;
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
  const resource = scope.slice(SCOPE_PREFIX.length);
  return scope === SCOPE_PREFIX + resource && isResource(resource) ? resource : undefined;
}
