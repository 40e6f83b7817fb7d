import type { Emulator } from "@dataportability/msw";
import { expectError } from "@dataportability/test-support";
import { describe, expect, it } from "vitest";
import { createPortabilityClient, type Resource, SCOPE_PREFIX } from "../src/index.js";
import {
  createAuthorizationRequest,
  createRefreshingTokenProvider,
  exchangeAuthorizationCode,
  OAuthError,
  type OAuthTokens,
  refreshAccessToken,
  revokeToken,
} from "../src/oauth.js";
import { useEmulator } from "./support/emulator.js";

const { fresh } = useEmulator();
const REDIRECT = "https://app.example/callback";

const app = (emulator: Emulator, clock: { now(): number }) => ({
  clientId: "app-client",
  clientSecret: "app-secret",
  endpoints: {
    authorization: emulator.authorizeUrl,
    token: emulator.tokenUrl,
    revocation: emulator.revokeUrl,
  },
  clock,
});

/** Sends the user through the emulator's consent screen; returns the callback URL. */
async function consent(emulator: Emulator, resources: Resource[], clock: { now(): number }) {
  const request = await createAuthorizationRequest({
    ...app(emulator, clock),
    redirectUri: REDIRECT,
    resources,
  });
  const answer = await fetch(request.url, { redirect: "manual" });
  const callback = answer.headers.get("location");
  expect(answer.status).toBe(302);
  return { request, callback: callback! };
}

async function signIn(emulator: Emulator, resources: Resource[], clock: { now(): number }) {
  const { request, callback } = await consent(emulator, resources, clock);
  return exchangeAuthorizationCode({
    ...app(emulator, clock),
    redirectUri: REDIRECT,
    callbackUrl: callback,
    expectedState: request.state,
    codeVerifier: request.codeVerifier,
    requested: resources,
  });
}

describe("OAuth against the emulator", () => {
  it("asks for Data Portability scopes only, offline, with PKCE S256 and state", async () => {
    const { emulator, clock } = fresh();
    const { request } = await consent(emulator, ["myactivity.youtube", "maps.reviews"], clock);
    const q = request.url.searchParams;
    expect(q.get("scope")!.split(" ")).toEqual([
      `${SCOPE_PREFIX}myactivity.youtube`,
      `${SCOPE_PREFIX}maps.reviews`,
    ]);
    expect(q.get("access_type")).toBe("offline");
    expect(q.get("prompt")).toBe("consent");
    expect(q.get("code_challenge_method")).toBe("S256");
    expect(q.get("state")).toBe(request.state);
    expect(q.has("include_granted_scopes")).toBe(false);
    await expect(
      createAuthorizationRequest({
        clientId: "c",
        redirectUri: REDIRECT,
        resources: ["openid" as Resource],
      }),
    ).rejects.toThrow(/resources\[0\]/);
  });

  it("asks for a newer resource group only with unknownResources: allow", async () => {
    const newer = ["pixel.device_data" as Resource];
    const input = { clientId: "c", redirectUri: REDIRECT, resources: newer };
    await expect(createAuthorizationRequest(input)).rejects.toThrow(/resources\[0\]/);
    const request = await createAuthorizationRequest({ ...input, unknownResources: "allow" });
    expect(request.url.searchParams.get("scope")).toBe(`${SCOPE_PREFIX}pixel.device_data`);
    expect(request.resources).toEqual(newer);
    await expect(
      createAuthorizationRequest({
        ...input,
        resources: ["not a group" as Resource],
        unknownResources: "allow",
      }),
    ).rejects.toThrow(/resources\[0\]/);
  });

  it("exchanges the code, and the tokens work with the client", async () => {
    const { emulator, clock } = fresh();
    const tokens = await signIn(emulator, ["myactivity.youtube"], clock);
    expect(tokens.refreshToken).toBeTruthy();
    expect(tokens.granted).toEqual(["myactivity.youtube"]);
    expect(tokens.missing).toEqual([]);
    expect(tokens.expiresAt.getTime()).toBeGreaterThan(clock.now());
    const client = createPortabilityClient({ auth: tokens.accessToken, clock });
    await expect(client.checkAccessType()).resolves.toEqual({
      oneTimeResources: ["myactivity.youtube"],
      timeBasedResources: [],
    });
  });

  it("reports partial consent", async () => {
    const { emulator, clock } = fresh({ consent: { grant: ["maps.reviews"] } });
    const tokens = await signIn(emulator, ["myactivity.youtube", "maps.reviews"], clock);
    expect(tokens.granted).toEqual(["maps.reviews"]);
    expect(tokens.missing).toEqual(["myactivity.youtube"]);
  });

  it("turns a refused consent and a forged state into errors", async () => {
    const { emulator, clock } = fresh({ consent: { grant: "deny" } });
    const { request, callback } = await consent(emulator, ["maps.reviews"], clock);
    const exchange = (expectedState: string) =>
      exchangeAuthorizationCode({
        ...app(emulator, clock),
        redirectUri: REDIRECT,
        callbackUrl: callback,
        expectedState,
        codeVerifier: request.codeVerifier,
      });
    const denied = await expectError(exchange(request.state), OAuthError);
    expect(denied.error).toBe("access_denied");
    await expect(exchange("forged")).rejects.toThrow(/state/);
  });

  it("refreshes before expiry on the virtual clock, keeps the refresh token, then revokes", async () => {
    const { emulator, clock } = fresh();
    const tokens = await signIn(emulator, ["maps.reviews"], clock);
    const saved: OAuthTokens[] = [];
    const provider = createRefreshingTokenProvider({
      ...app(emulator, clock),
      tokens: { ...tokens, refreshToken: tokens.refreshToken! },
      onRefresh: (t) => {
        saved.push(t);
      },
    });
    const client = createPortabilityClient({ auth: provider, clock });
    await client.checkAccessType();
    expect(saved).toHaveLength(0);

    await clock.sleep(2 * 3_600_000);
    await client.checkAccessType();
    expect(saved).toHaveLength(1);
    expect(saved[0]!.accessToken).not.toBe(tokens.accessToken);

    const fresher = await refreshAccessToken({
      ...app(emulator, clock),
      refreshToken: tokens.refreshToken!,
    });
    expect(fresher.refreshToken).toBe(tokens.refreshToken);

    await revokeToken({ ...app(emulator, clock), token: tokens.refreshToken! });
    await expect(
      refreshAccessToken({ ...app(emulator, clock), refreshToken: tokens.refreshToken! }),
    ).rejects.toSatisfy((e) => e instanceof OAuthError && e.error === "invalid_grant");
  });

  it("replays a request after a 401 with one refresh", async () => {
    const { emulator, clock } = fresh({ accessTokenTtlMs: 60_000 });
    const tokens = await signIn(emulator, ["maps.reviews"], clock);
    let refreshes = 0;
    const provider = createRefreshingTokenProvider({
      ...app(emulator, clock),
      // Claims a far expiry, so only the server's 401 reveals the stale token.
      tokens: { ...tokens, refreshToken: tokens.refreshToken!, expiresAt: new Date(8.64e15) },
      onRefresh: () => {
        refreshes++;
      },
    });
    const client = createPortabilityClient({ auth: provider, clock });
    await clock.sleep(120_000);
    await expect(client.checkAccessType()).resolves.toBeDefined();
    expect(refreshes).toBe(1);
    const log = emulator.requests.map((r) => `${r.method} ${new URL(r.url).pathname} ${r.status}`);
    expect(log.slice(-3)).toEqual([
      "POST /v1/accessType:check 401",
      "POST /token 200",
      "POST /v1/accessType:check 200",
    ]);
  });
});
