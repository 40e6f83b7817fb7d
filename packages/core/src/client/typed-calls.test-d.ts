import type { components } from "@dataportability/spec";
import type { Middleware } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import type { PathWith, RequestBody, ResponseBody } from "./api-types.js";
import type { PortabilityClient } from "./create-portability-client.js";
import type { PortabilityMiddleware } from "./portability-middleware.js";

declare const client: PortabilityClient;
const api = client.raw;

describe("calls typed by the generated paths", () => {
  it("refuses a path the API does not have, or one called with the wrong method", () => {
    // @ts-expect-error: a misspelt path
    api.POST("/v1/portabilityArchive:initiat", { body: {} });
    // @ts-expect-error: the state is read with GET, not POST
    api.POST("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", {
      params: { path: { archiveJobsId: "j" } },
    });
    expectTypeOf<"/v1/archiveJobs/{archiveJobsId}:retry">().toExtend<PathWith<"post">>();
    expectTypeOf<"/v1/archiveJobs/{archiveJobsId}:retry">().not.toExtend<PathWith<"get">>();
  });

  it("refuses a wrong or missing path parameter", () => {
    api.GET("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", {
      // @ts-expect-error: the parameter is archiveJobsId
      params: { path: { archiveJobId: "j" } },
    });
    // @ts-expect-error: the path parameter is required
    api.POST("/v1/archiveJobs/{archiveJobsId}:cancel", { body: {} });
  });

  it("refuses a wrong body field", () => {
    // @ts-expect-error: these methods take an empty body
    api.POST("/v1/authorization:reset", { body: { force: true } });
    const body = {
      resources: ["myactivity.youtube"],
      // @ts-expect-error: a misspelt optional field, which openapi-fetch alone lets through
      startTme: "2026-01-01T00:00:00Z",
    } satisfies RequestBody<"/v1/portabilityArchive:initiate">;
    expectTypeOf(body.resources).toEqualTypeOf<string[]>();
    expectTypeOf<RequestBody<"/v1/portabilityArchive:initiate">>().toEqualTypeOf<
      components["schemas"]["InitiatePortabilityArchiveRequest"]
    >();
  });

  it("types answers by path", () => {
    expectTypeOf<
      ResponseBody<"get", "/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState">
    >().toEqualTypeOf<components["schemas"]["PortabilityArchiveState"]>();
    expectTypeOf<ResponseBody<"post", "/v1/accessType:check">>().toEqualTypeOf<
      components["schemas"]["CheckAccessTypeResponse"]
    >();
  });

  it("takes openapi-fetch middleware", () => {
    expectTypeOf<PortabilityMiddleware>().toEqualTypeOf<Middleware>();
    expectTypeOf(client.use).parameters.toEqualTypeOf<PortabilityMiddleware[]>();
    expectTypeOf(client.eject).parameters.toEqualTypeOf<PortabilityMiddleware[]>();
  });
});
