import { VirtualClock } from "@dataportability/msw";
import { createEmulatorServer, type EmulatorServer } from "@dataportability/msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createPortabilityClient, exportArchive, type RequestEvent } from "../src/index.js";
import { createAuthorizationRequest, exchangeAuthorizationCode } from "../src/oauth.js";
import { clientClock, START } from "./support/emulator.js";

describe("over real HTTP on 127.0.0.1 (custom baseUrl and fetch)", () => {
  let server: EmulatorServer;
  const clock = new VirtualClock(START);
  beforeAll(async () => {
    server = await createEmulatorServer({ port: 0, clock, completeAfterPolls: 2 });
  });
  afterAll(() => server.close());

  it("signs in with PKCE and runs a whole export", async () => {
    const app = {
      clientId: "http-client",
      clientSecret: "http-secret",
      endpoints: { authorization: server.authorizeUrl, token: server.tokenUrl },
      allowInsecureRequests: true,
      clock: clientClock(clock),
    };
    const redirectUri = "http://127.0.0.1:1/callback";
    const request = await createAuthorizationRequest({
      ...app,
      redirectUri,
      resources: ["maps.reviews"],
    });
    const consent = await fetch(request.url, { redirect: "manual" });
    const tokens = await exchangeAuthorizationCode({
      ...app,
      redirectUri,
      callbackUrl: consent.headers.get("location")!,
      expectedState: request.state,
      codeVerifier: request.codeVerifier,
    });

    const requests: RequestEvent[] = [];
    let fetches = 0;
    const client = createPortabilityClient({
      auth: tokens.accessToken,
      baseUrl: server.url,
      fetch: (input, init) => {
        fetches++;
        return fetch(input, init);
      },
      clock: clientClock(clock),
      hooks: { onRequest: (e) => requests.push(e) },
    });
    const result = await exportArchive(client, { resources: ["maps.reviews"] });
    expect(result.urls[0]).toMatch(new RegExp(`^${server.storageUrl}`));
    expect(requests[0]!.url).toBe(`${server.url}/v1/portabilityArchive:initiate`);
    expect(fetches).toBe(requests.length);
    const archive = await fetch(result.urls[0]!);
    expect(archive.status).toBe(200);
    expect((await archive.arrayBuffer()).byteLength).toBeGreaterThan(0);
  });
});
