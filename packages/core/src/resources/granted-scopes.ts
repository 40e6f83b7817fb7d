import { InvalidArgumentError, quote } from "../errors/invalid-argument-error.js";
import type { Resource } from "./resources.js";
import { resourceFor } from "./scopes.js";

/**
 * What a user granted, compared with what was asked (partial consent).
 *
 * @example
 * ```ts
 * const { granted, missing }: GrantedScopes = parseGrantedScopes(tokens.scope, requested);
 * ```
 */
export interface GrantedScopes {
  /** Resources whose scope was granted. */
  granted: Resource[];
  /** Requested resources whose scope was not granted. */
  missing: Resource[];
  /** Granted scopes that are not Data Portability resources (e.g. `openid`). */
  other: string[];
}

/**
 * Parses a granted-scope string (the `scope` of a token response, space separated) into
 * the granted resources and, given what was requested, the missing ones.
 *
 * @throws {InvalidArgumentError} when `scope` is neither a string nor a list.
 *
 * @example
 * ```ts
 * const { granted, missing } = parseGrantedScopes(tokenResponse.scope, [
 *   "myactivity.youtube",
 *   "youtube.comments",
 * ]);
 * if (missing.length) console.warn("Not granted:", missing.join(", "));
 * ```
 */
export function parseGrantedScopes(
  scope: string | readonly string[] | undefined,
  requested: readonly Resource[] = [],
): GrantedScopes {
  if (!Array.isArray(scope) && typeof (scope ?? "") !== "string") {
    throw new InvalidArgumentError(
      "scope",
      `bad value ${quote(scope)}`,
      "a string or list of scopes",
    );
  }
  const allow = { unknownResources: "allow" } as const;
  const granted: Resource[] = [];
  const other: string[] = [];
  // A list reads as its comma-joined string: both split the same way.
  for (const entry of String(scope ?? "").split(/[\s,]+/)) {
    if (!entry) continue;
    // A requested group this version does not know still counts, by Google's scope pattern.
    const resource =
      resourceFor(entry) ?? requested.find((name) => resourceFor(entry, allow) === name);
    if (!resource) other.push(entry);
    else if (!granted.includes(resource)) granted.push(resource);
  }
  return { granted, missing: requested.filter((r) => !granted.includes(r)), other };
}
