import { RESOURCES, type Resource, SCOPE_PREFIX } from "@dataportability/spec";

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
