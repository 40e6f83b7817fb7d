import type { Resource } from "@dataportability/spec";
import { HttpResponse } from "msw";
import type { EmulatorContext } from "../emulator/emulator-context.js";
import { CODE_TTL_MS } from "./oauth-codes.js";
import { parseScopes, scopeString } from "./oauth-scopes.js";

function errorPage(error: string, description: string): Response {
  const html = `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8"><title>Error 400: ${error}</title></head><body><h1>Access blocked: authorization error</h1><p>Error 400: ${error}</p><p>${description.replace(/[<>&]/g, "")}</p></body></html>`;
  return new HttpResponse(html, {
    status: 400,
    headers: { "content-type": "text/html; charset=utf-8" },
  });
}

/**
 * Google's authorization endpoint with a scripted consent screen: validates the request (client,
 * redirect URI, Data Portability scopes only, PKCE S256), then redirects to `redirect_uri` with
 * `code`, `state` and the granted `scope`, or with `error=access_denied`.
 *
 * @example
 * ```ts
 * http.get(`${accounts}/o/oauth2/v2/auth`, ({ request }) => authorize(ctx, request));
 * ```
 */
export function authorize(ctx: EmulatorContext, request: Request): Response {
  const q = new URL(request.url).searchParams;
  const clientId = q.get("client_id");
  const redirectUri = q.get("redirect_uri");
  if (!clientId) return errorPage("invalid_request", "Missing required parameter: client_id");
  if (!redirectUri || !URL.canParse(redirectUri))
    return errorPage("invalid_request", "Missing or invalid parameter: redirect_uri");
  if (q.get("response_type") !== "code")
    return errorPage("unsupported_response_type", "response_type must be code");
  const { resources, invalid } = parseScopes(q.get("scope"));
  if (resources.length === 0 && invalid.length === 0)
    return errorPage("invalid_request", "Missing required parameter: scope");
  if (invalid.length > 0) {
    return errorPage(
      "invalid_scope",
      `Data Portability scopes cannot be combined with other scopes; invalid: ${invalid.join(" ")}`,
    );
  }
  const challenge = q.get("code_challenge") ?? undefined;
  const method = q.get("code_challenge_method");
  if ((method !== null || challenge !== undefined) && (method ?? "plain") !== "S256") {
    return errorPage(
      "invalid_request",
      "code_challenge_method must be S256 (the emulator refuses plain PKCE)",
    );
  }
  if (method === "S256" && !challenge)
    return errorPage("invalid_request", "Missing code_challenge");
  const back = new URL(redirectUri);
  const state = q.get("state");
  if (state !== null) back.searchParams.set("state", state);
  const consent = ctx.consent;
  const granted =
    consent.grant === undefined || consent.grant === "all"
      ? resources
      : consent.grant === "deny"
        ? []
        : resources.filter((r) => (consent.grant as readonly Resource[]).includes(r));
  if (granted.length === 0) {
    back.searchParams.set("error", "access_denied");
    return new HttpResponse(null, { status: 302, headers: { location: back.href } });
  }
  const code = `4/0A${ctx.random.token(60)}`;
  ctx.codes.set(code, {
    clientId,
    redirectUri,
    ...(challenge ? { codeChallenge: challenge } : {}),
    resources: granted,
    accessType: consent.accessType ?? "ONE_TIME",
    ...(consent.oneTimeResources ? { oneTimeResources: consent.oneTimeResources } : {}),
    ...(consent.days ? { days: consent.days } : {}),
    userId: consent.user ?? "user-1",
    offline: q.get("access_type") === "offline",
    testingApp: consent.testingApp === true,
    expiresAtMs: ctx.clock.nowMs() + CODE_TTL_MS,
  });
  back.searchParams.set("code", code);
  back.searchParams.set("scope", scopeString(granted));
  back.searchParams.set("iss", "https://accounts.google.com");
  return new HttpResponse(null, { status: 302, headers: { location: back.href } });
}
