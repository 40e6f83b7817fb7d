import type { FaultSpec, FaultTarget } from "@dataportability/msw";
import { describe, expect, it } from "vitest";
import type { PortabilityMiddleware as Middleware } from "../src/index.js";
import { createPortabilityClient, InvalidArgumentError } from "../src/index.js";
import { useEmulator } from "./support/emulator.js";

const { fresh } = useEmulator();

const RESOURCES = ["maps.reviews"] as const;

/** A middleware that writes down everything it is shown, as text. */
function recorder() {
  const seen: string[] = [];
  const shown: string[] = [];
  const requestHeaders = new Set<string>();
  const middleware: Middleware = {
    onRequest({ request, schemaPath }) {
      seen.push(`${request.method} ${schemaPath}`);
      shown.push(request.url, JSON.stringify([...request.headers]));
      for (const name of request.headers.keys()) requestHeaders.add(name);
    },
    async onResponse({ response, schemaPath }) {
      seen.push(`${response.status} ${schemaPath}`);
      shown.push(JSON.stringify([...response.headers]), await response.clone().text());
    },
    onError({ error }) {
      seen.push(`error ${String(error)}`);
    },
  };
  return { seen, shown, requestHeaders, middleware };
}

describe("client.use", () => {
  it("sees every try of the six methods, retries and the replay after a refresh, never the token", async () => {
    const once = (match: FaultTarget): FaultSpec => ({
      name: "server-error",
      status: 503,
      times: 1,
      match,
    });
    const { emulator, clock } = fresh({
      faults: [
        once("initiate"),
        once("getPortabilityArchiveState"),
        once("retry"),
        once("cancel"),
        once("resetAuthorization"),
      ],
    });
    const issued = emulator.issueToken({ resources: [...RESOURCES] });
    let token = "stale-secret-token";
    const client = createPortabilityClient({
      auth: {
        getAccessToken: () => token,
        refresh: () => (token = issued.accessToken),
      },
      clock,
      userAgent: "middleware-test/1",
    });
    const { seen, shown, requestHeaders, middleware } = recorder();
    client.use(middleware);

    await client.checkAccessType();
    const { archiveJobId } = await client.initiateArchive({ resources: RESOURCES });
    await client.getArchiveState(archiveJobId);
    emulator.failJob(archiveJobId);
    const retried = await client.retryArchive(archiveJobId);
    await client.cancelArchive(retried.archiveJobId);
    await client.resetAuthorization();

    const check = "/v1/accessType:check";
    const initiate = "/v1/portabilityArchive:initiate";
    const state = "/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState";
    const retry = "/v1/archiveJobs/{archiveJobsId}:retry";
    const cancel = "/v1/archiveJobs/{archiveJobsId}:cancel";
    const reset = "/v1/authorization:reset";
    const twice = (method: string, path: string, status: number) => [
      `${method} ${path}`,
      `${status} ${path}`,
      `${method} ${path}`,
      `200 ${path}`,
    ];
    expect(seen).toEqual([
      ...twice("POST", check, 401),
      ...twice("POST", initiate, 503),
      ...twice("GET", state, 503),
      ...twice("POST", retry, 503),
      ...twice("POST", cancel, 503),
      ...twice("POST", reset, 503),
    ]);
    expect([...requestHeaders]).toEqual(["content-type"]);
    const everything = shown.join("\n");
    expect(everything).not.toMatch(/prettyPrint|middleware-test/);
    expect(everything).not.toContain("stale-secret-token");
    expect(everything).not.toContain(issued.accessToken);
    // Beneath the middleware, every try did carry the token and prettyPrint=false.
    const api = emulator.requests.filter((request) => request.area === "api");
    expect(api).toHaveLength(12);
    expect(api.every((request) => request.authorization)).toBe(true);
    expect(api.every((request) => request.url.endsWith("?prettyPrint=false"))).toBe(true);
  });

  it("passes a middleware's change to every try, until it is ejected (Google's quotaUser)", async () => {
    const { emulator, clock } = fresh({
      faults: [{ name: "rate-limit", retryAfterSeconds: 1, times: 1 }],
    });
    const client = createPortabilityClient({
      auth: emulator.issueToken({ resources: [...RESOURCES] }).accessToken,
      clock,
    });
    const quotaUser: Middleware = {
      onRequest({ request }) {
        const url = new URL(request.url);
        url.searchParams.set("quotaUser", "user-42");
        return new Request(url, request);
      },
    };
    client.use(quotaUser);
    const { archiveJobId } = await client.initiateArchive({ resources: RESOURCES });
    await client.raw.GET("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", {
      params: { path: { archiveJobsId: archiveJobId } },
    });
    client.eject(quotaUser);
    await client.checkAccessType();

    expect(emulator.requests.map((r) => [r.status, new URL(r.url).search])).toEqual([
      [429, "?quotaUser=user-42&prettyPrint=false"],
      [200, "?quotaUser=user-42&prettyPrint=false"],
      [200, "?quotaUser=user-42&prettyPrint=false"],
      [200, "?prettyPrint=false"],
    ]);
  });

  it("tells onError about a network error that is then retried", async () => {
    const { emulator, clock } = fresh();
    const accessToken = emulator.issueToken({ resources: [...RESOURCES] }).accessToken;
    let calls = 0;
    const client = createPortabilityClient({
      auth: accessToken,
      clock,
      fetch: (url, init) =>
        ++calls === 1 ? Promise.reject(new TypeError("fetch failed")) : fetch(url, init),
    });
    const { seen, middleware } = recorder();
    client.use(middleware);
    await expect(client.checkAccessType()).resolves.toBeDefined();
    expect(seen).toEqual([
      "POST /v1/accessType:check",
      "error TypeError: fetch failed",
      "POST /v1/accessType:check",
      "200 /v1/accessType:check",
    ]);
  });

  it("refuses a request that a middleware moved outside baseUrl, and does not retry it", async () => {
    const { emulator, clock } = fresh();
    const client = createPortabilityClient({
      auth: emulator.issueToken({ resources: [...RESOURCES] }).accessToken,
      clock,
    });
    client.use({
      onRequest: ({ request }) => new Request("https://collector.example/steal", request),
    });
    const error = await client.checkAccessType().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ field: "request.url" });
    expect(emulator.requests).toEqual([]);
  });

  it("throws a middleware's own error as is, without a retry", async () => {
    const { emulator, clock } = fresh();
    const client = createPortabilityClient({
      auth: emulator.issueToken({ resources: [...RESOURCES] }).accessToken,
      clock,
    });
    let calls = 0;
    client.use({
      onRequest() {
        calls++;
        throw new RangeError("tracing is down");
      },
    });
    await expect(client.checkAccessType()).rejects.toThrow(RangeError);
    expect(calls).toBe(1);
    expect(emulator.requests).toEqual([]);
  });
});
