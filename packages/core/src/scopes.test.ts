import { expectError } from "@dataportability/test-support";
import { describe, expect, it } from "vitest";
import { parseGrantedScopes } from "./granted-scopes.js";
import { InvalidArgumentError } from "./invalid-argument-error.js";
import { isResource, RESOURCES, SCOPE_PREFIX } from "./resources.js";
import { resourceFor, scopeFor, scopesFor } from "./scopes.js";

describe("resources and scopes", () => {
  it("knows every resource of the generated metadata", () => {
    expect(RESOURCES.length).toBeGreaterThan(50);
    expect(RESOURCES.every(isResource)).toBe(true);
    expect(isResource("youtube")).toBe(false);
    expect(isResource(undefined)).toBe(false);
  });

  it("maps resources to scopes and back", () => {
    const scope = scopeFor("myactivity.youtube");
    expect(scope).toBe(`${SCOPE_PREFIX}myactivity.youtube`);
    expect(resourceFor(scope)).toBe("myactivity.youtube");
    expect(resourceFor("openid")).toBeUndefined();
    expect(resourceFor(`${SCOPE_PREFIX}not.a.resource`)).toBeUndefined();
    expect(scopesFor(["maps.reviews", "youtube.comments"])).toEqual([
      `${SCOPE_PREFIX}maps.reviews`,
      `${SCOPE_PREFIX}youtube.comments`,
    ]);
  });

  it("refuses unknown resources with a suggestion", () => {
    expect(() => scopeFor("maps.review" as never)).toThrow(/did you mean "maps.reviews"/);
    expect(() => scopesFor([])).toThrow(InvalidArgumentError);
  });
});

describe("parseGrantedScopes", () => {
  it("splits a granted-scope string into granted, missing and other", () => {
    const scope = `openid ${SCOPE_PREFIX}myactivity.youtube  ${SCOPE_PREFIX}maps.reviews`;
    expect(
      parseGrantedScopes(scope, ["myactivity.youtube", "youtube.comments", "maps.reviews"]),
    ).toEqual({
      granted: ["myactivity.youtube", "maps.reviews"],
      missing: ["youtube.comments"],
      other: ["openid"],
    });
  });

  it("refuses what is neither a string nor a list", () => {
    for (const scope of [123, {}, true]) {
      const error = expectError(() => parseGrantedScopes(scope as never), InvalidArgumentError);
      expect(error.field).toBe("scope");
    }
    expect(parseGrantedScopes([42 as never]).other).toEqual(["42"]);
  });

  it("accepts arrays and nothing at all", () => {
    expect(parseGrantedScopes([`${SCOPE_PREFIX}maps.reviews`]).granted).toEqual(["maps.reviews"]);
    expect(parseGrantedScopes(undefined, ["maps.reviews"])).toEqual({
      granted: [],
      missing: ["maps.reviews"],
      other: [],
    });
  });
});
