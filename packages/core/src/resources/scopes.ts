import { validateResources } from "../validation/validation.js";
import {
  isResource,
  isResourceName,
  type Resource,
  SCOPE_PREFIX,
  type UnknownResources,
} from "./resources.js";

/**
 * Options of the scope helpers.
 *
 * @example
 * ```ts
 * const options: ScopeOptions = { unknownResources: "allow" };
 * ```
 */
export interface ScopeOptions {
  /**
   * `"allow"`: a well-formed name this version does not know maps to its scope by Google's
   * pattern (`SCOPE_PREFIX` + name). Default `"reject"`.
   */
  unknownResources?: UnknownResources | undefined;
}

/**
 * The OAuth scopes for a list of resources, in the same order.
 *
 * @throws {InvalidArgumentError} for unknown or repeated resources, with a "did you mean".
 * @example
 * ```ts
 * scopesFor(["myactivity.youtube", "youtube.comments"]).join(" ");
 * scopesFor(["pixel.device_data" as Resource], { unknownResources: "allow" }); // a newer group
 * ```
 */
export function scopesFor(resources: readonly Resource[], options: ScopeOptions = {}): string[] {
  return validateResources(resources, "resources", options.unknownResources).map(
    (resource) => SCOPE_PREFIX + resource,
  );
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
export function scopeFor(resource: Resource, options: ScopeOptions = {}): string {
  return scopesFor([resource], options)[0]!;
}

/**
 * The resource a Data Portability scope authorizes, or `undefined` for any other scope (and,
 * unless `unknownResources` is `"allow"`, for a group this version does not know).
 *
 * @example
 * ```ts
 * resourceFor("https://www.googleapis.com/auth/dataportability.myactivity.youtube"); // "myactivity.youtube"
 * resourceFor("openid"); // undefined
 * resourceFor(`${SCOPE_PREFIX}pixel.device_data`, { unknownResources: "allow" }); // "pixel.device_data"
 * ```
 */
export function resourceFor(scope: string, options: ScopeOptions = {}): Resource | undefined {
  const resource = scope.slice(SCOPE_PREFIX.length);
  const known = options.unknownResources === "allow" ? isResourceName : isResource;
  return scope === SCOPE_PREFIX + resource && known(resource) ? (resource as Resource) : undefined;
}
