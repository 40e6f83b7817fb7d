import { validate } from "@readme/openapi-parser";
import openapiTS, { astToString } from "openapi-typescript";
import { describe, expect, it } from "vitest";
import { apiMetadata } from "../src/converter/api-metadata.js";
import { discoveryToOpenApi } from "../src/converter/discovery-to-openapi.js";
import { loadOverlay, loadRevision, REVISIONS } from "./support/shared-revisions.js";

describe.each(REVISIONS)("revision %s", (revision) => {
  const openapi = discoveryToOpenApi(loadRevision(revision), { overlay: loadOverlay() });

  it("converts to a valid OpenAPI 3.1 document", async () => {
    const result = await validate(structuredClone(openapi) as never);
    expect(result.valid ? [] : result.errors).toEqual([]);
  });

  it("gives every operation a typed default error response", () => {
    for (const item of Object.values(openapi.paths)) {
      for (const op of Object.values(item) as Array<{ responses: Record<string, unknown> }>) {
        expect(op.responses.default).toEqual({ $ref: "#/components/responses/Error" });
      }
    }
  });
});

describe("revision 20260105", () => {
  const doc = loadRevision("20260105");

  it("has all six operations in the generated paths type", async () => {
    const source = astToString(
      await openapiTS(discoveryToOpenApi(doc, { overlay: loadOverlay() }) as never),
    );
    const operations = [...source.matchAll(/operations\["(dataportability\.[^"]+)"\]/g)].map(
      (m) => m[1],
    );
    expect(new Set(operations)).toEqual(
      new Set([
        "dataportability.accessType.check",
        "dataportability.archiveJobs.cancel",
        "dataportability.archiveJobs.getPortabilityArchiveState",
        "dataportability.archiveJobs.retry",
        "dataportability.authorization.reset",
        "dataportability.portabilityArchive.initiate",
      ]),
    );
    expect(source).toContain('"/v1/archiveJobs/{archiveJobsId}:retry"');
  });

  it("has 72 resources, one per scope", () => {
    const meta = apiMetadata(doc);
    expect(meta.resources).toHaveLength(72);
    expect(meta.resources).toContain("myactivity.youtube");
    expect(meta.descriptions["myactivity.youtube"]).toMatch(/YouTube/);
    expect(meta.operations["dataportability.archiveJobs.retry"]).toMatchObject({
      httpMethod: "POST",
      path: "/v1/archiveJobs/{archiveJobsId}:retry",
    });
  });

  it("adds the pixel.device_data resource in the reconstructed latest revision", () => {
    expect(apiMetadata(loadRevision("latest")).resources).toHaveLength(73);
  });
});
