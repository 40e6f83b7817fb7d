import { describe, expect, it } from "vitest";
import {
  listMethods,
  NotADiscoveryDocumentError,
  parseDiscoveryDocument,
} from "./discovery-document.js";

describe("parseDiscoveryDocument", () => {
  it.each([
    [null, /expected a JSON object/],
    [[], /expected a JSON object/],
    [{ kind: "openapi" }, /expected "kind": "discovery#restDescription", found "openapi"/],
    [
      { kind: "discovery#restDescription", name: "x", version: "v1" },
      /expected a string "rootUrl"/,
    ],
    [
      { kind: "discovery#restDescription", name: "x", version: "v1", rootUrl: "https://x/" },
      /expected "resources" or "methods"/,
    ],
  ])("refuses %j", (value, message) => {
    expect(() => parseDiscoveryDocument(value)).toThrow(NotADiscoveryDocumentError);
    expect(() => parseDiscoveryDocument(value)).toThrow(message);
  });

  it("lists top-level and nested methods with their resource paths", () => {
    const doc = parseDiscoveryDocument({
      kind: "discovery#restDescription",
      name: "x",
      version: "v1",
      rootUrl: "https://x/",
      methods: { ping: { id: "x.ping", path: "ping", httpMethod: "GET" } },
      resources: {
        a: {
          resources: { b: { methods: { get: { id: "x.a.b.get", path: "b", httpMethod: "GET" } } } },
        },
      },
    });
    expect(listMethods(doc).map((m) => [m.resource, m.name])).toEqual([
      ["", "ping"],
      ["a.b", "get"],
    ]);
  });
});
