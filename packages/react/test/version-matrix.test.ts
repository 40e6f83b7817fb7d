import queryManifest from "@tanstack/react-query/package.json" with { type: "json" };
import { version as reactVersion } from "react";
import { version as reactDomVersion } from "react-dom";
import { describe, expect, inject, it } from "vitest";
import manifest from "../package.json" with { type: "json" };
import type { MatrixVersions } from "./support/matrix-context.js";

// React 18.0.0 reports its build in `version` (18.0.0-fc46dba67-20220329).
const release = (version: string) => version.replace(/-.*/, "");

/** The `^x.y.z` parts of a peer range such as `^18.0.0 || ^19.0.0`. */
const caretVersions = (range: string) =>
  range.split("||").map((part) => {
    const version = /^\s*\^(\d+\.\d+\.\d+)\s*$/.exec(part)?.[1];
    if (!version) throw new Error(`peer range part "${part}" is not ^x.y.z`);
    return version;
  });

const major = (version: string) => version.split(".")[0];

describe("the version matrix", () => {
  it("loads the React and TanStack Query versions its entry names", () => {
    const expected: MatrixVersions = inject("matrix");
    expect({
      react: release(reactVersion),
      reactDom: release(reactDomVersion),
      query: queryManifest.version,
    }).toEqual({ react: expected.react, reactDom: expected.react, query: expected.query });
  });

  it.each([
    ["react", "react"],
    ["@tanstack/react-query", "query"],
  ] as const)("tests the lowest %s its peer range allows, and each major", (peer, key) => {
    const tested = inject("allMatrixVersions").map((entry) => entry[key]);
    const floors = caretVersions(manifest.peerDependencies[peer]);
    expect(tested).toContain(floors[0]);
    expect([...new Set(tested.map(major))].sort()).toEqual(floors.map(major).sort());
  });
});
