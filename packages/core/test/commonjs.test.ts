import { describe, expect, it } from "vitest";
import { requireBuilt } from "./support/require-built.mjs";

describe("the built CommonJS entry points", () => {
  const { core, oauth, internal } = requireBuilt();

  it("create a client whose methods and openapi-fetch `raw` client send through a custom fetch", async () => {
    const seen: { url: string; method: string; authorization: string | null }[] = [];
    const client = core.createPortabilityClient({
      auth: "cjs-token",
      fetch: async (url, init) => {
        seen.push({
          url,
          method: init.method ?? "GET",
          authorization: new Headers(init.headers).get("authorization"),
        });
        return Response.json({ oneTimeResources: ["myactivity.youtube"] });
      },
    });

    await expect(client.checkAccessType()).resolves.toEqual({
      oneTimeResources: ["myactivity.youtube"],
      timeBasedResources: [],
    });
    const raw = await client.raw.GET("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", {
      params: { path: { archiveJobsId: "job-1" } },
    });
    expect(raw.response.status).toBe(200);
    expect(seen).toEqual([
      {
        url: "https://dataportability.googleapis.com/v1/accessType:check?prettyPrint=false",
        method: "POST",
        authorization: "Bearer cjs-token",
      },
      {
        url: "https://dataportability.googleapis.com/v1/archiveJobs/job-1/portabilityArchiveState?prettyPrint=false",
        method: "GET",
        authorization: "Bearer cjs-token",
      },
    ]);
  });

  it("reject bad input with the package's own error classes, before any request", async () => {
    const client = core.createPortabilityClient({
      auth: "t",
      fetch: () => Promise.reject(new Error("no request expected")),
    });
    await expect(client.getArchiveState("a/b")).rejects.toBeInstanceOf(core.InvalidArgumentError);
    await expect(client.getArchiveState("a/b")).rejects.toBeInstanceOf(core.PortabilityError);
  });

  it("load ./oauth, which builds a PKCE authorization URL", async () => {
    const request = await oauth.createAuthorizationRequest({
      clientId: "cjs-client",
      redirectUri: "https://app.example/callback",
      resources: ["youtube.comments"],
    });
    expect(request.url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(request.url.searchParams.get("client_id")).toBe("cjs-client");
  });

  it("share classes with ./internal, whose rules recognise the main entry's errors", () => {
    const notFound = new core.PortabilityApiError({ httpStatus: 404, message: "gone" });
    expect(internal.isTransientError(notFound)).toBe(false);
    expect(internal.isTransientError(new TypeError("fetch failed"))).toBe(true);
  });
});
