import { type HttpHandler, HttpResponse, http } from "msw";
import type { Grant } from "../api/grant-store.js";
import { type EmulatorContext, guard } from "../emulator/emulator-context.js";
import { authorize } from "./oauth-authorize.js";
import { verifyPkce } from "./oauth-codes.js";
import { parseScopes, scopeString } from "./oauth-scopes.js";

/**
 * The token endpoint's grant type that skips the browser: consent is given in the request itself.
 *
 * @example
 * ```ts
 * await fetch(emulator.tokenUrl, {
 *   method: "POST",
 *   body: new URLSearchParams({ grant_type: EMULATOR_GRANT_TYPE, scope: "myactivity.youtube", access: "ONE_TIME" }),
 * });
 * ```
 */
export const EMULATOR_GRANT_TYPE = "urn:dataportability-emulator:consent";
const TESTING_REFRESH_TTL_MS = 7 * 86_400_000;

function tokenError(error: string, description: string, status = 400): Response {
  return HttpResponse.json({ error, error_description: description }, { status });
}

async function formParams(request: Request): Promise<URLSearchParams> {
  const params = new URLSearchParams(new URL(request.url).search);
  const text = await request.text();
  const type = request.headers.get("content-type") ?? "";
  if (type.includes("application/json") && text.trim() !== "") {
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      json = {};
    }
    for (const [k, v] of Object.entries(json as Record<string, unknown>)) params.set(k, String(v));
  } else {
    for (const [k, v] of new URLSearchParams(text)) params.set(k, v);
  }
  return params;
}

function tokenResponse(ctx: EmulatorContext, grant: Grant, withRefresh: boolean): Response {
  const now = ctx.clock.nowMs();
  const { token, expiresAtMs } = ctx.grants.issueAccessToken(
    grant,
    now,
    ctx.options.accessTokenTtlMs,
  );
  return HttpResponse.json(
    {
      access_token: token,
      expires_in: Math.max(0, Math.floor((expiresAtMs - now) / 1000) - 1),
      ...(withRefresh && grant.refreshToken ? { refresh_token: grant.refreshToken } : {}),
      ...(grant.refreshExpiresAtMs !== undefined
        ? { refresh_token_expires_in: Math.floor((grant.refreshExpiresAtMs - now) / 1000) }
        : {}),
      scope: scopeString(grant.resources),
      token_type: "Bearer",
    },
    {
      headers: {
        "cache-control": "no-cache, no-store, max-age=0, must-revalidate",
        pragma: "no-cache",
      },
    },
  );
}

/**
 * Client credentials may come in the body or as HTTP Basic (RFC 6749 §2.3.1); Basic fills in
 * what the body leaves out.
 */
function addBasicCredentials(request: Request, p: URLSearchParams): void {
  const match = /^Basic\s+(\S+)$/i.exec(request.headers.get("authorization") ?? "");
  if (!match) return;
  let decoded: string;
  try {
    decoded = atob(match[1]!);
  } catch {
    return;
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) return;
  const [id, secret] = [decoded.slice(0, colon), decoded.slice(colon + 1)].map((part) =>
    decodeURIComponent(part.replaceAll("+", " ")),
  );
  if (!p.has("client_id")) p.set("client_id", id!);
  if (!p.has("client_secret")) p.set("client_secret", secret!);
}

/** A web client's exchange without its secret, or with a wrong one, is refused as Google does. */
function webClientRefusal(
  ctx: EmulatorContext,
  clientId: string,
  p: URLSearchParams,
): Response | undefined {
  const secret = Object.hasOwn(ctx.options.webClients, clientId)
    ? ctx.options.webClients[clientId]
    : undefined;
  if (secret === undefined) return undefined;
  const given = p.get("client_secret");
  if (!given) return tokenError("invalid_request", "client_secret is missing.");
  if (given !== secret) return tokenError("invalid_client", "Unauthorized", 401);
  return undefined;
}

async function token(ctx: EmulatorContext, request: Request): Promise<Response> {
  const p = await formParams(request);
  addBasicCredentials(request, p);
  const now = ctx.clock.nowMs();
  const grantType = p.get("grant_type");
  if (grantType === "authorization_code") {
    const pending = ctx.codes.get(p.get("code") ?? "");
    if (!pending || now >= pending.expiresAtMs)
      return tokenError("invalid_grant", "Malformed auth code.");
    ctx.codes.delete(p.get("code")!);
    if (p.get("client_id") !== pending.clientId)
      return tokenError("invalid_client", "The OAuth client was not found.", 401);
    if (p.get("redirect_uri") !== pending.redirectUri)
      return tokenError("redirect_uri_mismatch", "Bad Request");
    const refused = webClientRefusal(ctx, pending.clientId, p);
    if (refused) return refused;
    const pkce = verifyPkce(pending.codeChallenge, p.get("code_verifier"));
    if (pkce) return tokenError("invalid_grant", pkce);
    const grant = ctx.grants.createGrant({
      userId: pending.userId,
      clientId: pending.clientId,
      resources: pending.resources,
      accessType: pending.accessType,
      ...(pending.oneTimeResources ? { oneTimeResources: pending.oneTimeResources } : {}),
      ...(pending.days ? { days: pending.days } : {}),
      nowMs: now,
      offline: pending.offline,
      ...(pending.testingApp ? { refreshTtlMs: TESTING_REFRESH_TTL_MS } : {}),
    });
    return tokenResponse(ctx, grant, true);
  }
  if (grantType === "refresh_token") {
    const grant = ctx.grants.grantForRefresh(p.get("refresh_token") ?? "", now);
    if (typeof grant === "string")
      return tokenError("invalid_grant", "Token has been expired or revoked.");
    if (p.get("client_id") !== null && p.get("client_id") !== grant.clientId)
      return tokenError("unauthorized_client", "Unauthorized");
    const refused = webClientRefusal(ctx, grant.clientId, p);
    if (refused) return refused;
    return tokenResponse(ctx, grant, false);
  }
  if (grantType === EMULATOR_GRANT_TYPE) {
    const { resources, invalid } = parseScopes(p.get("scope"));
    if (invalid.length > 0 || resources.length === 0)
      return tokenError(
        "invalid_scope",
        `Give Data Portability resources or scopes in scope; invalid: ${invalid.join(" ") || "(none given)"}`,
      );
    const access = (p.get("access") ?? "ONE_TIME").toUpperCase().replace("-", "_");
    const days = Number(p.get("days") ?? 30);
    if ((access !== "ONE_TIME" && access !== "TIME_BASED") || (days !== 30 && days !== 180)) {
      return tokenError("invalid_request", "access must be ONE_TIME or TIME_BASED, days 30 or 180");
    }
    const grant = ctx.grants.createGrant({
      userId: p.get("user") ?? "user-1",
      clientId: p.get("client_id") ?? "emulator-client",
      resources,
      accessType: access,
      days,
      nowMs: now,
      offline: true,
    });
    return tokenResponse(ctx, grant, true);
  }
  return tokenError("unsupported_grant_type", `Invalid grant_type: ${grantType ?? ""}`);
}

async function revoke(ctx: EmulatorContext, request: Request): Promise<Response> {
  const p = await formParams(request);
  const grant = ctx.grants.grantOfToken(p.get("token") ?? "");
  if (!grant || grant.revoked) return tokenError("invalid_token", "Token expired or revoked");
  ctx.grants.revoke(grant);
  return HttpResponse.json({});
}

function tokenInfo(ctx: EmulatorContext, request: Request): Response {
  const token = new URL(request.url).searchParams.get("access_token") ?? "";
  const auth = ctx.grants.authenticate(token, ctx.clock.nowMs());
  if (!auth.ok) return tokenError("invalid_token", "Invalid Value");
  return HttpResponse.json({
    azp: auth.grant.clientId,
    aud: auth.grant.clientId,
    scope: scopeString(auth.grant.resources),
    access_type: auth.grant.refreshToken ? "offline" : "online",
  });
}

/**
 * OAuth endpoints shaped like Google's: authorization (scripted consent, PKCE S256), token
 * (authorization code, refresh token, and an emulator-only consent grant), revoke and tokeninfo.
 *
 * @example
 * ```ts
 * const list = oauthHandlers(ctx);
 * ```
 */
export function oauthHandlers(ctx: EmulatorContext): HttpHandler[] {
  const oauth = ctx.options.oauthUrl.replace(/\/+$/, "");
  const accounts = ctx.options.accountsUrl.replace(/\/+$/, "");
  const run = (request: Request, name: string, fn: () => Response | Promise<Response>) =>
    guard(ctx, request, "oauth", name, undefined, fn);
  return [
    http.get(`${accounts}/o/oauth2/v2/auth`, ({ request }) =>
      run(request, "authorize", () => authorize(ctx, request)),
    ),
    http.get(`${accounts}/o/oauth2/auth`, ({ request }) =>
      run(request, "authorize", () => authorize(ctx, request)),
    ),
    http.post(`${oauth}/token`, ({ request }) => run(request, "token", () => token(ctx, request))),
    http.post(`${oauth}/revoke`, ({ request }) =>
      run(request, "revoke", () => revoke(ctx, request)),
    ),
    http.get(`${oauth}/tokeninfo`, ({ request }) =>
      run(request, "tokeninfo", () => tokenInfo(ctx, request)),
    ),
  ];
}
