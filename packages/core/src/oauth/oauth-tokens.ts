import * as oauth from "oauth4webapi";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { type GrantedScopes, parseGrantedScopes } from "../resources/granted-scopes.js";
import type { Resource } from "../resources/resources.js";
import { oauthErrors } from "./oauth-error.js";
import { type OAuthClientOptions, oauthContext } from "./oauth-options.js";

/**
 * Tokens from Google's token endpoint, with what was granted. These are secrets: store them
 * like passwords (the Node package's token store writes them with mode 0600).
 *
 * @example
 * ```ts
 * const tokens: OAuthTokens = await exchangeAuthorizationCode(input);
 * if (tokens.missing.length) console.warn("not granted:", tokens.missing);
 * ```
 */
export interface OAuthTokens extends GrantedScopes {
  /** The access token for API calls (a secret). */
  accessToken: string;
  /** Present after a consent with offline access; kept from the input on refresh. */
  refreshToken: string | undefined;
  /** When the access token expires: receipt time plus `expires_in` (default 1 hour). */
  expiresAt: Date;
  /** The granted scopes, space separated, as Google reports them. */
  scope: string;
}

/**
 * What {@link exchangeAuthorizationCode} needs: the callback and what was kept from
 * {@link createAuthorizationRequest}.
 *
 * @example
 * ```ts
 * const input: CodeExchangeInput = {
 *   clientId, clientSecret, redirectUri,
 *   callbackUrl: request.url,
 *   expectedState: session.state,
 *   codeVerifier: session.codeVerifier,
 *   requested: ["myactivity.youtube"],
 * };
 * ```
 */
export interface CodeExchangeInput extends OAuthClientOptions {
  /** The same `redirectUri` as in the authorization request. */
  redirectUri: string;
  /** The URL Google redirected to (or its query parameters). */
  callbackUrl: string | URL | URLSearchParams;
  /** The `state` of the {@link AuthorizationRequest}, kept since. */
  expectedState: string;
  /** The `codeVerifier` of the {@link AuthorizationRequest}, kept since. */
  codeVerifier: string;
  /** The resources asked for, to report `missing` ones (partial consent). */
  requested?: readonly Resource[];
}

function toTokens(
  response: oauth.TokenEndpointResponse,
  now: number,
  requested: readonly Resource[] | undefined,
  refreshToken?: string,
): OAuthTokens {
  const scope = response.scope ?? "";
  return {
    accessToken: response.access_token,
    refreshToken: response.refresh_token ?? refreshToken,
    expiresAt: new Date(now + (response.expires_in ?? 3600) * 1000),
    scope,
    ...parseGrantedScopes(scope, requested),
  };
}

/**
 * Checks the authorization callback (`state`, errors such as `access_denied`) and exchanges
 * its code, with the PKCE verifier, for tokens.
 *
 * @throws {OAuthError} for an error callback (also one whose `state` is not `expectedState`,
 * before any request) or token answer.
 * @example
 * ```ts
 * import { exchangeAuthorizationCode } from "@dataportability/core/oauth";
 *
 * const tokens = await exchangeAuthorizationCode({
 *   clientId, clientSecret, redirectUri,
 *   callbackUrl: request.url,
 *   expectedState: session.state,
 *   codeVerifier: session.codeVerifier,
 *   requested: session.resources,
 * });
 * ```
 */
export async function exchangeAuthorizationCode(input: CodeExchangeInput): Promise<OAuthTokens> {
  const ctx = oauthContext(input);
  const params =
    input.callbackUrl instanceof URLSearchParams
      ? input.callbackUrl
      : new URL(input.callbackUrl).searchParams;
  const callback = await oauthErrors(() =>
    oauth.validateAuthResponse(ctx.server, ctx.client, params, input.expectedState),
  );
  const response = await oauth.authorizationCodeGrantRequest(
    ctx.server,
    ctx.client,
    ctx.clientAuth,
    callback,
    input.redirectUri,
    input.codeVerifier,
    ctx.http,
  );
  const tokens = await oauthErrors(() =>
    oauth.processAuthorizationCodeResponse(ctx.server, ctx.client, response),
  );
  return toTokens(tokens, ctx.now(), input.requested);
}

/**
 * Gets a new access token with a refresh token.
 *
 * @throws {OAuthError} e.g. `invalid_grant` when the consent was revoked or expired.
 * @example
 * ```ts
 * const { accessToken, expiresAt } = await refreshAccessToken({ clientId, clientSecret, refreshToken });
 * ```
 */
export async function refreshAccessToken(
  input: OAuthClientOptions & { refreshToken: string; requested?: readonly Resource[] },
): Promise<OAuthTokens> {
  if (!input.refreshToken) {
    throw new InvalidArgumentError("refreshToken", "missing", "the refresh token of a consent");
  }
  const ctx = oauthContext(input);
  const response = await oauth.refreshTokenGrantRequest(
    ctx.server,
    ctx.client,
    ctx.clientAuth,
    input.refreshToken,
    ctx.http,
  );
  const tokens = await oauthErrors(() =>
    oauth.processRefreshTokenResponse(ctx.server, ctx.client, response),
  );
  return toTokens(tokens, ctx.now(), input.requested, input.refreshToken);
}

/**
 * Revokes an access or refresh token (and with it the consent). For Data Portability, prefer
 * `client.resetAuthorization()` once all archives are downloaded: it also resets exhausted scopes.
 *
 * @throws {OAuthError} e.g. `invalid_token` for an unknown token.
 * @throws {InvalidArgumentError} for an empty token, before any request.
 * @example
 * ```ts
 * await revokeToken({ clientId, clientSecret, token: tokens.refreshToken! });
 * ```
 */
export async function revokeToken(input: OAuthClientOptions & { token: string }): Promise<void> {
  if (typeof input.token !== "string" || !input.token.trim()) {
    throw new InvalidArgumentError("token", "missing", "the access or refresh token to revoke");
  }
  const ctx = oauthContext(input);
  const response = await oauth.revocationRequest(
    ctx.server,
    ctx.client,
    ctx.clientAuth,
    input.token,
    ctx.http,
  );
  await oauthErrors(() => oauth.processRevocationResponse(response));
}
