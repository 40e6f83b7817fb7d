import {
  RESOURCES as SPEC_RESOURCES,
  SCOPE_PREFIX as SPEC_SCOPE_PREFIX,
  type Resource as SpecResource,
} from "@dataportability/spec";

/**
 * Every resource group the API can export (one OAuth scope each), sorted: the values of
 * {@link Resource}.
 *
 * @example
 * ```ts
 * RESOURCES.includes("myactivity.youtube"); // true
 * RESOURCES.filter((resource) => resource.startsWith("youtube.")); // the YouTube groups
 * ```
 */
export const RESOURCES: typeof SPEC_RESOURCES = SPEC_RESOURCES;

/**
 * A resource group the API can export, such as `myactivity.youtube`: one OAuth scope each.
 *
 * @example
 * ```ts
 * const wanted: Resource[] = ["myactivity.youtube", "youtube.comments"];
 * ```
 */
export type Resource = SpecResource;

/**
 * Every Data Portability scope is this prefix followed by a resource name.
 *
 * @example
 * ```ts
 * SCOPE_PREFIX + "myactivity.youtube"; // the scope of that resource
 * ```
 */
export const SCOPE_PREFIX: typeof SPEC_SCOPE_PREFIX = SPEC_SCOPE_PREFIX;

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
  return (RESOURCES as readonly unknown[]).includes(value);
}
