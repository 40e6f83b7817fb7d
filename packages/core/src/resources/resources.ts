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
 * Answers from Google (`checkAccessType`) and calls made with `unknownResources: "allow"` may
 * also carry a group Google added after this version, which {@link isResource} does not know.
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

/**
 * What to do with a resource name this version does not know: `"reject"` it with a "did you
 * mean" (the default: most such names are typos), or `"allow"` it through to Google when it is
 * well formed ({@link isResourceName}), for groups Google added after this version.
 *
 * @example
 * ```ts
 * const client = createPortabilityClient({ auth, unknownResources: "allow" });
 * await client.initiateArchive({ resources: ["pixel.device_data" as Resource] });
 * ```
 */
export type UnknownResources = "reject" | "allow";

/**
 * Whether a value is shaped like a resource group name, known or not: `group.name`, lower-case
 * letters and underscores, in at least two parts separated by dots.
 *
 * @example
 * ```ts
 * isResourceName("pixel.device_data"); // true, though this version may not list it
 * isResourceName("Pixel Device Data"); // false
 * ```
 */
export function isResourceName(value: unknown): value is string {
  return typeof value === "string" && /^[a-z][a-z_]*(\.[a-z][a-z_]*)+$/.test(value);
}
