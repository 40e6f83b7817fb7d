import * as oauth from "oauth4webapi";
import type { Clock } from "../client/clock.js";

/**
 * Google's OAuth 2.0 endpoints, used unless `endpoints` says otherwise.
 *
 * @example
 * ```ts
 * GOOGLE_OAUTH_ENDPOINTS.token; // "https://oauth2.googleapis.com/token"
 * ```
 */
export const GOOGLE_OAUTH_ENDPOINTS = {
  /** The authorization server's issuer identifier. */
  issuer: "https://accounts.google.com",
  /** Where the user is sent to consent. */
  authorization: "https://accounts.google.com/o/oauth2/v2/auth",
  /** Exchanges codes and refresh tokens for tokens. */
  token: "https://oauth2.googleapis.com/token",
  /** Revokes a token and its consent. */
  revocation: "https://oauth2.googleapis.com/revoke",
} as const;

/**
 * Settings shared by every OAuth call: the app's client and where Google's endpoints are.
 *
 * @example
 * ```ts
 * const app: OAuthClientOptions = { clientId: "123.apps.googleusercontent.com", clientSecret };
 * ```
 */
export interface OAuthClientOptions {
  /** The OAuth client ID from Google Cloud, e.g. `123.apps.googleusercontent.com`. */
  clientId: string;
  /** Web and desktop clients have one; leave it out for public clients (PKCE only). */
  clientSecret?: string;
  /** Override endpoints, e.g. an emulator's. */
  endpoints?: Partial<Record<keyof typeof GOOGLE_OAUTH_ENDPOINTS, string>>;
  /** Default: the global `fetch`. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Allow `http:` endpoints (a local emulator). Never for production. */
  allowInsecureRequests?: boolean;
  /** Time source for `expiresAt`; default the system clock. */
  clock?: Pick<Clock, "now">;
  /** Aborts the HTTP request to Google. */
  signal?: AbortSignal;
}

/** @internal The oauth4webapi view of {@link OAuthClientOptions}. */
export function oauthContext(options: OAuthClientOptions) {
  const endpoints = { ...GOOGLE_OAUTH_ENDPOINTS, ...options.endpoints };
  const server: oauth.AuthorizationServer = {
    issuer: endpoints.issuer,
    authorization_endpoint: endpoints.authorization,
    token_endpoint: endpoints.token,
    revocation_endpoint: endpoints.revocation,
  };
  const client: oauth.Client = { client_id: options.clientId };
  const clientAuth = options.clientSecret
    ? oauth.ClientSecretPost(options.clientSecret)
    : oauth.None();
  const http: oauth.HttpRequestOptions<"POST", URLSearchParams> = {
    ...(options.signal && { signal: options.signal }),
    ...(options.fetch && {
      [oauth.customFetch]: (url: string, init: RequestInit) => options.fetch!(url, init),
    }),
    ...(options.allowInsecureRequests && { [oauth.allowInsecureRequests]: true }),
  };
  return { server, client, clientAuth, http, now: () => options.clock?.now() ?? Date.now() };
}
