import { HttpResponse } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { handlers, operationHandler, rpcError } from "../src/index.js";

const API = "https://dataportability.googleapis.com";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const post = (path: string, body: unknown = {}) =>
  fetch(`${API}${path}`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

describe("typed handler factories", () => {
  it("answer with a fixed body on the right path only", async () => {
    server.use(
      handlers.initiate({ body: { archiveJobId: "1", accessType: "ACCESS_TYPE_ONE_TIME" } }),
    );
    const response = await post("/v1/portabilityArchive:initiate", {
      resources: ["myactivity.youtube"],
    });
    expect(response.status).toBe(200);
    expect(response.headers.get("content-type")).toContain("application/json");
    expect(await response.json()).toEqual({
      archiveJobId: "1",
      accessType: "ACCESS_TYPE_ONE_TIME",
    });
    await expect(post("/v1/portabilityArchive:cancel")).rejects.toThrow();
  });

  it("match literal colons and pass path params and the parsed body to resolvers", async () => {
    const seen: unknown[] = [];
    server.use(
      handlers.retry(({ params, body }) => {
        seen.push(params.archiveJobsId, body);
        return { body: { archiveJobId: `${params.archiveJobsId}-retry` } };
      }),
      handlers.cancel(({ params }) => ({ body: {}, headers: { "x-job": params.archiveJobsId } })),
    );
    expect(await (await post("/v1/archiveJobs/77:retry")).json()).toEqual({
      archiveJobId: "77-retry",
    });
    expect((await post("/v1/archiveJobs/77:cancel")).headers.get("x-job")).toBe("77");
    expect(seen).toEqual(["77", {}]);
  });

  it("send google.rpc.Status errors built by rpcError", async () => {
    server.use(
      handlers.initiate(
        rpcError({
          status: "RESOURCE_EXHAUSTED",
          message: "used",
          reason: "RESOURCE_EXHAUSTED_ONE_TIME",
          metadata: { previous_job_ids: "1,2" },
        }),
      ),
    );
    const response = await post("/v1/portabilityArchive:initiate");
    expect(response.status).toBe(429);
    expect(await response.json()).toEqual({
      error: {
        code: 429,
        message: "used",
        status: "RESOURCE_EXHAUSTED",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "RESOURCE_EXHAUSTED_ONE_TIME",
            domain: "dataportability.googleapis.com",
            metadata: { previous_job_ids: "1,2" },
          },
        ],
      },
    });
  });

  it("cover every operation, accept raw Responses, `once` and a base URL", async () => {
    server.use(
      handlers.getPortabilityArchiveState(
        ({ params }) => ({
          body: {
            name: `archiveJobs/${params.archiveJobsId}/portabilityArchiveState`,
            state: "IN_PROGRESS",
          },
        }),
        { once: true },
      ),
      handlers.getPortabilityArchiveState(() => HttpResponse.text("plain", { status: 502 })),
      handlers.resetAuthorization({ body: {} }),
      handlers.checkAccessType({ body: { oneTimeResources: ["myactivity.youtube"] } }),
      operationHandler(
        "dataportability.accessType.check",
        { body: { timeBasedResources: ["x"] } },
        { baseUrl: "http://127.0.0.1:9/api" },
      ),
    );
    const state = () => fetch(`${API}/v1/archiveJobs/5/portabilityArchiveState`);
    expect((await (await state()).json()).state).toBe("IN_PROGRESS");
    expect((await state()).status).toBe(502);
    expect((await post("/v1/authorization:reset")).status).toBe(200);
    expect(await (await post("/v1/accessType:check")).json()).toEqual({
      oneTimeResources: ["myactivity.youtube"],
    });
    const based = await fetch("http://127.0.0.1:9/api/v1/accessType:check", { method: "POST" });
    expect(await based.json()).toEqual({ timeBasedResources: ["x"] });
  });
});
