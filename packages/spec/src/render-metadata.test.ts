import { readFileSync } from "node:fs";
import { join } from "node:path";
import openapiTS, { astToString } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import { annotateSchemaTypes } from "./annotate-schema-types.js";
import { apiMetadata } from "./api-metadata.js";
import { parseDiscoveryDocument } from "./discovery-document.js";
import { discoveryToOpenApi } from "./discovery-to-openapi.js";
import { GENERATED_HEADER, renderMetadata } from "./render-metadata.js";

const fixture = parseDiscoveryDocument(
  JSON.parse(
    readFileSync(
      join(import.meta.dirname, "../test/fixtures/nested-resources.discovery.json"),
      "utf8",
    ),
  ),
);

describe("generated files", () => {
  it("renders metadata for the fixture as a marked, stable module", () => {
    const source = renderMetadata(apiMetadata(fixture));
    expect(source.startsWith(GENERATED_HEADER)).toBe(true);
    expect(source).toMatchSnapshot();
  });

  it("lists an operation's resources when it does not accept every scope", () => {
    const source = renderMetadata(apiMetadata(fixture));
    expect(source).toContain(
      '"widgets.projects.widgets.list": { httpMethod: "GET", path: "/v2/projects/{projectsId}/widgets", resources: ["read"] as const },',
    );
  });

  it("produces stable openapi-typescript output for the fixture", async () => {
    const source = annotateSchemaTypes(
      astToString(await openapiTS(discoveryToOpenApi(fixture) as never, { alphabetize: true })),
    );
    expect(source).toContain(" * @example\n * ```ts\n * type StatePath = paths[");
    expect(source).toMatchSnapshot();
  });
});
