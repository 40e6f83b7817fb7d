import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { renderSchemaTypes } from "../../scripts/render-schema-types.js";
import { apiMetadata } from "./api-metadata.js";
import { parseDiscoveryDocument } from "./discovery-document.js";
import { discoveryToOpenApi } from "./discovery-to-openapi.js";
import { GENERATED_HEADER, renderMetadata } from "./render-metadata.js";

const fixture = parseDiscoveryDocument(
  JSON.parse(
    readFileSync(
      join(import.meta.dirname, "../../test/fixtures/nested-resources.discovery.json"),
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

  it("renders the schema types as openapi-typescript writes them, marked as generated", async () => {
    const source = await renderSchemaTypes(discoveryToOpenApi(fixture));
    expect(source.startsWith(GENERATED_HEADER)).toBe(true);
    expect(source).toContain('"/v2/projects/{projectsId}/widgets": {');
    expect(source).toMatchSnapshot();
  });
});
