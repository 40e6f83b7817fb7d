import { describe, expect, it } from "vitest";
import { EMULATOR_GRANT_TYPE, pkceChallenge } from "../src/index.js";
import { emulatorHarness } from "./support/emulator-harness.js";

const useEmulator = emulatorHarness();
const SCOPE = "https://www.googleapis.com/auth/dataportability.";
const VERIFIER = "dBjftJeZ4CVP-mB92K27uhbUJU1p1r_wW1gFWFOEjXk";
const REDIRECT = "http://127.0.0.1:53682/callback";

function authorizeUrl(base: string, params: Record<string, string> = {}) {
  const url = new URL(base);
  for (const [k, v] of Object.entries({
    client_id: "client-1",
    redirect_uri: REDIRECT,
    response_type: "code",
    scope: `${SCOPE}myactivity.youtube ${SCOPE}myactivity.search`,
    state: "xyz",
    code_challenge: pkceChallenge(VERIFIER),
    code_challenge_method: "S256",
    access_type: "offline",
    ...params,
  })) {
    url.searchParams.set(k, v);
  }
  return url.href;
}

async function authorize(url: string) {
  const response = await fetch(url, { redirect: "manual" });
  return {
    response,
    location: response.headers.get("location")
      ? new URL(response.headers.get("location")!)
      : undefined,
  };
}

async function token(tokenUrl: string, params: Record<string, string>) {
  const response = await fetch(tokenUrl, { method: "POST", body: new URLSearchParams(params) });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, string | number>,
  };
}

describe("OAuth", () => {
  it("pkceChallenge matches RFC 7636's example", () => {
    expect(pkceChallenge(VERIFIER)).toBe("E9Melhoa2OwvFrEMTJguCHaoeK1t8URWbuGJSstw-cM");
  });

  it("authorization code + PKCE S256 → tokens that work on the API; the code is single-use", async () => {
    const { emulator, call } = useEmulator();
    const { response, location } = await authorize(authorizeUrl(emulator.authorizeUrl));
    expect(emulator.authorizeUrl).toBe("https://accounts.google.com/o/oauth2/v2/auth");
    expect(response.status).toBe(302);
    expect(location!.origin + location!.pathname).toBe(REDIRECT);
    expect(location!.searchParams.get("state")).toBe("xyz");
    expect(location!.searchParams.get("scope")).toBe(
      `${SCOPE}myactivity.youtube ${SCOPE}myactivity.search`,
    );
    const code = location!.searchParams.get("code")!;
    const exchange = {
      grant_type: "authorization_code",
      code,
      client_id: "client-1",
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
    };
    const granted = await token(emulator.tokenUrl, exchange);
    expect(granted.status).toBe(200);
    expect(granted.body).toEqual({
      access_token: expect.stringMatching(/^ya29\./),
      expires_in: 3599,
      refresh_token: expect.stringMatching(/^1\/\/0/),
      scope: `${SCOPE}myactivity.youtube ${SCOPE}myactivity.search`,
      token_type: "Bearer",
    });
    const check = await call("POST", "/v1/accessType:check", {
      token: String(granted.body["access_token"]),
      body: {},
    });
    expect(check.body).toEqual({ oneTimeResources: ["myactivity.search", "myactivity.youtube"] });
    expect((await token(emulator.tokenUrl, exchange)).body["error"]).toBe("invalid_grant");
  });

  it("refuses a wrong or missing verifier, a different redirect_uri and expired codes", async () => {
    const { emulator } = useEmulator();
    const codeFor = async () =>
      (await authorize(authorizeUrl(emulator.authorizeUrl))).location!.searchParams.get("code")!;
    const base = {
      grant_type: "authorization_code",
      client_id: "client-1",
      redirect_uri: REDIRECT,
    };
    expect(
      (
        await token(emulator.tokenUrl, {
          ...base,
          code: await codeFor(),
          code_verifier: `${VERIFIER}x`,
        })
      ).body,
    ).toEqual({ error: "invalid_grant", error_description: "Invalid code verifier." });
    expect((await token(emulator.tokenUrl, { ...base, code: await codeFor() })).body).toEqual({
      error: "invalid_grant",
      error_description: "Missing code verifier.",
    });
    expect(
      (
        await token(emulator.tokenUrl, {
          ...base,
          code: await codeFor(),
          code_verifier: VERIFIER,
          redirect_uri: "http://127.0.0.1:1/other",
        })
      ).body["error"],
    ).toBe("redirect_uri_mismatch");
    const late = await codeFor();
    emulator.clock.advance(10 * 60_000);
    expect(
      (await token(emulator.tokenUrl, { ...base, code: late, code_verifier: VERIFIER })).body[
        "error"
      ],
    ).toBe("invalid_grant");
  });

  it("scripted consent: only some scopes, time-based, or denial", async () => {
    const { emulator, call } = useEmulator({
      consent: { grant: ["myactivity.youtube"], accessType: "TIME_BASED", days: 180 },
    });
    const { location } = await authorize(authorizeUrl(emulator.authorizeUrl));
    expect(location!.searchParams.get("scope")).toBe(`${SCOPE}myactivity.youtube`);
    const granted = await token(emulator.tokenUrl, {
      grant_type: "authorization_code",
      code: location!.searchParams.get("code")!,
      client_id: "client-1",
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
    });
    expect(granted.body["scope"]).toBe(`${SCOPE}myactivity.youtube`);
    const check = await call("POST", "/v1/accessType:check", {
      token: String(granted.body["access_token"]),
      body: {},
    });
    expect(check.body).toEqual({ timeBasedResources: ["myactivity.youtube"] });

    emulator.setConsent({ grant: "deny" });
    const denied = await authorize(authorizeUrl(emulator.authorizeUrl));
    expect(denied.location!.searchParams.get("error")).toBe("access_denied");
    expect(denied.location!.searchParams.get("state")).toBe("xyz");
    expect(denied.location!.searchParams.has("code")).toBe(false);
    expect(() => emulator.setConsent({ grant: ["nope" as never] })).toThrow(/unknown resource/);
  });

  it("shows Google-style 400 pages for bad authorization requests", async () => {
    const { emulator } = useEmulator();
    const cases: Array<[Record<string, string>, string]> = [
      [{ client_id: "" }, "invalid_request"],
      [
        { scope: `${SCOPE}myactivity.youtube https://www.googleapis.com/auth/drive` },
        "invalid_scope",
      ],
      [{ code_challenge_method: "plain" }, "invalid_request"],
      [{ response_type: "token" }, "unsupported_response_type"],
    ];
    for (const [params, error] of cases) {
      const { response } = await authorize(authorizeUrl(emulator.authorizeUrl, params));
      expect(response.status).toBe(400);
      expect(await response.text()).toContain(`Error 400: ${error}`);
    }
  });

  it("refresh tokens mint new access tokens; no refresh token without offline access", async () => {
    const { emulator, call } = useEmulator();
    const issued = emulator.issueToken({ resources: ["myactivity.youtube"], expiresInMs: 1000 });
    emulator.clock.advance(1000);
    expect(
      (await call("POST", "/v1/accessType:check", { token: issued.accessToken, body: {} })).status,
    ).toBe(401);
    const refreshed = await token(emulator.tokenUrl, {
      grant_type: "refresh_token",
      refresh_token: issued.refreshToken,
      client_id: "emulator-client",
    });
    expect(refreshed.status).toBe(200);
    expect(refreshed.body["refresh_token"]).toBeUndefined();
    expect(
      (
        await call("POST", "/v1/accessType:check", {
          token: String(refreshed.body["access_token"]),
          body: {},
        })
      ).status,
    ).toBe(200);

    const online = await authorize(authorizeUrl(emulator.authorizeUrl, { access_type: "online" }));
    const onlineToken = await token(emulator.tokenUrl, {
      grant_type: "authorization_code",
      code: online.location!.searchParams.get("code")!,
      client_id: "client-1",
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
    });
    expect(onlineToken.body["refresh_token"]).toBeUndefined();
  });

  it("refresh tokens of a Testing app expire after 7 days", async () => {
    const { emulator } = useEmulator({ consent: { testingApp: true } });
    const { location } = await authorize(authorizeUrl(emulator.authorizeUrl));
    const granted = await token(emulator.tokenUrl, {
      grant_type: "authorization_code",
      code: location!.searchParams.get("code")!,
      client_id: "client-1",
      redirect_uri: REDIRECT,
      code_verifier: VERIFIER,
    });
    expect(granted.body["refresh_token_expires_in"]).toBe(604_800);
    emulator.clock.advance(7 * 86_400_000);
    const refreshed = await token(emulator.tokenUrl, {
      grant_type: "refresh_token",
      refresh_token: String(granted.body["refresh_token"]),
    });
    expect(refreshed.body).toEqual({
      error: "invalid_grant",
      error_description: "Token has been expired or revoked.",
    });
  });

  it("revoke invalidates the access and refresh tokens of the consent", async () => {
    const { emulator, call } = useEmulator();
    const issued = emulator.issueToken({ resources: ["myactivity.youtube"] });
    const revoked = await fetch(emulator.revokeUrl, {
      method: "POST",
      body: new URLSearchParams({ token: issued.refreshToken }),
    });
    expect(revoked.status).toBe(200);
    expect(
      (await call("POST", "/v1/accessType:check", { token: issued.accessToken, body: {} })).status,
    ).toBe(401);
    expect(
      (
        await token(emulator.tokenUrl, {
          grant_type: "refresh_token",
          refresh_token: issued.refreshToken,
        })
      ).body["error"],
    ).toBe("invalid_grant");
    const again = await fetch(`${emulator.revokeUrl}?token=${issued.accessToken}`, {
      method: "POST",
    });
    expect(again.status).toBe(400);
    expect(await again.json()).toEqual({
      error: "invalid_token",
      error_description: "Token expired or revoked",
    });
  });

  it("tokeninfo describes a live token", async () => {
    const { emulator } = useEmulator();
    const issued = emulator.issueToken({ resources: ["myactivity.youtube"], clientId: "client-9" });
    const info = await fetch(`${emulator.oauthUrl}/tokeninfo?access_token=${issued.accessToken}`);
    expect(await info.json()).toEqual({
      azp: "client-9",
      aud: "client-9",
      scope: `${SCOPE}myactivity.youtube`,
      access_type: "offline",
    });
    expect((await fetch(`${emulator.oauthUrl}/tokeninfo?access_token=nope`)).status).toBe(400);
  });

  it("the emulator-only consent grant issues tokens without a browser", async () => {
    const { emulator, call } = useEmulator();
    const granted = await token(emulator.tokenUrl, {
      grant_type: EMULATOR_GRANT_TYPE,
      scope: "myactivity.youtube youtube.comments",
      access: "time-based",
      days: "180",
      user: "carol",
    });
    expect(granted.status).toBe(200);
    expect(granted.body["scope"]).toBe(`${SCOPE}myactivity.youtube ${SCOPE}youtube.comments`);
    const check = await call("POST", "/v1/accessType:check", {
      token: String(granted.body["access_token"]),
      body: {},
    });
    expect(check.body).toEqual({ timeBasedResources: ["myactivity.youtube", "youtube.comments"] });
    expect(
      (await token(emulator.tokenUrl, { grant_type: EMULATOR_GRANT_TYPE, scope: "drive" })).body[
        "error"
      ],
    ).toBe("invalid_scope");
    expect((await token(emulator.tokenUrl, { grant_type: "password" })).body["error"]).toBe(
      "unsupported_grant_type",
    );
  });
});

describe("web clients need their secret at the token endpoint, as at Google", () => {
  const codeFor = async (authorizeBase: string) =>
    (await authorize(authorizeUrl(authorizeBase))).location!.searchParams.get("code")!;
  const exchange = (code: string, extra: Record<string, string> = {}) => ({
    grant_type: "authorization_code",
    code,
    client_id: "client-1",
    redirect_uri: REDIRECT,
    code_verifier: VERIFIER,
    ...extra,
  });

  it("refuses the exchange and the refresh without the secret or with a wrong one", async () => {
    const { emulator } = useEmulator({ webClients: { "client-1": "s3cret" } });
    const missing = await token(emulator.tokenUrl, exchange(await codeFor(emulator.authorizeUrl)));
    expect(missing).toEqual({
      status: 400,
      body: { error: "invalid_request", error_description: "client_secret is missing." },
    });
    const wrong = await token(
      emulator.tokenUrl,
      exchange(await codeFor(emulator.authorizeUrl), { client_secret: "guess" }),
    );
    expect(wrong.status).toBe(401);
    expect(wrong.body["error"]).toBe("invalid_client");

    const inBody = await token(
      emulator.tokenUrl,
      exchange(await codeFor(emulator.authorizeUrl), { client_secret: "s3cret" }),
    );
    expect(inBody.status).toBe(200);

    const refresh = (params: Record<string, string>) =>
      token(emulator.tokenUrl, {
        grant_type: "refresh_token",
        refresh_token: String(inBody.body["refresh_token"]),
        ...params,
      });
    expect((await refresh({})).status).toBe(400);
    expect((await refresh({ client_secret: "s3cret" })).status).toBe(200);
  });

  it("takes the client's credentials from HTTP Basic when the body has none", async () => {
    const { emulator } = useEmulator({ webClients: { "client-1": "s3cret" } });
    const { client_id: _omitted, ...body } = exchange(await codeFor(emulator.authorizeUrl));
    const response = await fetch(emulator.tokenUrl, {
      method: "POST",
      headers: { authorization: `Basic ${btoa("client-1:s3cret")}` },
      body: new URLSearchParams(body),
    });
    expect(response.status).toBe(200);
  });

  it("other clients need no secret (the emulator's choice)", async () => {
    const { emulator } = useEmulator({ webClients: { "web-app": "s3cret" } });
    const granted = await token(emulator.tokenUrl, exchange(await codeFor(emulator.authorizeUrl)));
    expect(granted.status).toBe(200);
  });
});
