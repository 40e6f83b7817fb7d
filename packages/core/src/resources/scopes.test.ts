import { expectError } from "@dataportability/test-support";
import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { parseGrantedScopes } from "./granted-scopes.js";
import { isResource, RESOURCES, type Resource, SCOPE_PREFIX } from "./resources.js";
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

describe("scopes of groups newer than this version", () => {
  const newer = "pixel.device_data" as Resource;

  it("follow Google's pattern when unknownResources is allow", () => {
    const allow = { unknownResources: "allow" } as const;
    expect(scopeFor(newer, allow)).toBe(`${SCOPE_PREFIX}pixel.device_data`);
    expect(scopesFor(["maps.reviews", newer], allow)).toEqual([
      `${SCOPE_PREFIX}maps.reviews`,
      `${SCOPE_PREFIX}pixel.device_data`,
    ]);
    expect(resourceFor(`${SCOPE_PREFIX}pixel.device_data`, allow)).toBe("pixel.device_data");
    expect(resourceFor(`${SCOPE_PREFIX}Pixel Data`, allow)).toBeUndefined();
    expect(() => scopeFor("Pixel Data" as Resource, allow)).toThrow(InvalidArgumentError);
  });

  it("are refused by default", () => {
    expect(() => scopeFor(newer)).toThrow(InvalidArgumentError);
    expect(resourceFor(`${SCOPE_PREFIX}pixel.device_data`)).toBeUndefined();
  });

  it("count as granted when they were requested", () => {
    const scope = `${SCOPE_PREFIX}pixel.device_data ${SCOPE_PREFIX}maps.reviews`;
    expect(parseGrantedScopes(scope, [newer, "maps.reviews", "youtube.comments"])).toEqual({
      granted: ["pixel.device_data", "maps.reviews"],
      missing: ["youtube.comments"],
      other: [],
    });
    expect(parseGrantedScopes(scope).other).toEqual([`${SCOPE_PREFIX}pixel.device_data`]);
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
