import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { parseDiscoveryDocument } from "./discovery-document.js";
import { discoveryToOpenApi } from "./discovery-to-openapi.js";

const fixture = parseDiscoveryDocument(
  JSON.parse(
    readFileSync(
      join(import.meta.dirname, "../../test/fixtures/nested-resources.discovery.json"),
      "utf8",
    ),
  ),
);

type Operation = {
  operationId: string;
  tags?: string[];
  deprecated?: boolean;
  parameters: Array<{
    $ref?: string;
    name?: string;
    in?: string;
    schema?: Record<string, unknown>;
  }>;
  requestBody?: unknown;
  responses: Record<string, unknown>;
  security?: unknown;
};

function operation(path: string, method: string): Operation {
  const converted = discoveryToOpenApi(fixture);
  const found = converted.paths[path]?.[method];
  if (!found) throw new Error(`no ${method} ${path} in ${Object.keys(converted.paths).join(", ")}`);
  return found as Operation;
}

describe("discoveryToOpenApi", () => {
  it("builds paths from flatPath with one path parameter per {name} and the segment's pattern", () => {
    const op = operation("/v2/projects/{projectsId}/widgets", "get");
    expect(op.operationId).toBe("widgets.projects.widgets.list");
    expect(op.parameters.find((p) => p.in === "path")).toEqual({
      name: "projectsId",
      in: "path",
      required: true,
      schema: { type: "string", pattern: "^[^/]+$" },
    });
  });

  it("keeps literal colon suffixes and marks deprecated methods", () => {
    const op = operation("/v2/projects/{projectsId}/widgets/{widgetsId}:patch", "post");
    expect(op.deprecated).toBe(true);
    expect(op.parameters.filter((p) => p.in === "path").map((p) => p.name)).toEqual([
      "projectsId",
      "widgetsId",
    ]);
    expect(op.requestBody).toEqual({
      required: true,
      content: { "application/json": { schema: { $ref: "#/components/schemas/Widget" } } },
    });
    expect(op.responses["200"]).toEqual({ description: "Successful response." });
  });

  it("uses path and keeps the declared pattern when there is no flatPath", () => {
    const op = operation("/v2/{name}", "get");
    expect(op.parameters.find((p) => p.in === "path")?.schema).toEqual({
      type: "string",
      pattern: "^[a-z]+$",
    });
  });

  it("turns repeated query parameters into exploded arrays and enums into x-enum-descriptions", () => {
    const params = operation("/v2/projects/{projectsId}/widgets", "get").parameters;
    expect(params.find((p) => p.name === "tags")).toMatchObject({
      in: "query",
      style: "form",
      explode: true,
      schema: { type: "array", items: { type: "string" } },
    });
    expect(params.find((p) => p.name === "orderBy")?.schema).toEqual({
      type: "string",
      enum: ["NAME", "SIZE"],
      "x-enum-descriptions": ["By name.", "By size."],
    });
  });

  it("references global parameters from components and tags nested resources with dotted names", () => {
    const converted = discoveryToOpenApi(fixture);
    expect(converted.components.parameters.fields).toMatchObject({ name: "fields", in: "query" });
    const op = operation("/v2/projects/{projectsId}/widgets", "get");
    expect(op.parameters[0]).toEqual({ $ref: "#/components/parameters/fields" });
    expect(op.tags).toEqual(["projects.widgets"]);
    expect(converted.tags).toEqual([{ name: "projects.widgets" }]);
    expect(converted.servers).toEqual([{ url: "https://widgets.example.com/api" }]);
  });

  it("converts schemas: arrays of $ref, additionalProperties, int64 as string, any, deprecated, date-time", () => {
    const { schemas } = discoveryToOpenApi(fixture).components;
    expect(schemas.ListWidgetsResponse?.properties).toEqual({
      widgets: { type: "array", items: { $ref: "#/components/schemas/Widget" } },
      nextPageToken: { type: "string" },
    });
    expect(schemas.Widget?.properties).toEqual({
      name: { type: "string", readOnly: true },
      sizeBytes: { type: "string", format: "int64" },
      labels: { type: "object", additionalProperties: { type: "string" } },
      payload: {},
      oldColor: { type: "string", description: "Use color.", deprecated: true },
      created: { type: "string", format: "date-time" },
      ratio: { type: "number", format: "double" },
    });
  });

  it("writes an OAuth2 scheme with every scope and per-operation security", () => {
    const converted = discoveryToOpenApi(fixture);
    expect(converted.components.securitySchemes.oauth2).toMatchObject({
      type: "oauth2",
      flows: {
        authorizationCode: {
          scopes: {
            "https://www.googleapis.com/auth/widgets.read": "Read widgets",
            "https://www.googleapis.com/auth/widgets.write": "Write widgets",
          },
        },
      },
    });
    expect(operation("/v2/{name}", "get").security).toEqual([
      { oauth2: ["https://www.googleapis.com/auth/widgets.read"] },
    ]);
  });

  it("adds a default error response to every operation when the overlay defines one", () => {
    const converted = discoveryToOpenApi(fixture, {
      overlay: {
        components: {
          schemas: { Status: { type: "object" } },
          responses: { Error: { description: "An error." } },
        },
      },
    });
    const op = converted.paths["/v2/{name}"]?.get as Operation;
    expect(op.responses.default).toEqual({ $ref: "#/components/responses/Error" });
    expect(converted.components.schemas.Status).toEqual({ type: "object" });
  });

  it("refuses an overlay schema that would replace a discovery schema", () => {
    expect(() =>
      discoveryToOpenApi(fixture, { overlay: { components: { schemas: { Widget: {} } } } }),
    ).toThrow(/overlay schema "Widget"/);
  });
});
