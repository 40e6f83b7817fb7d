import * as oauth from "oauth4webapi";
import type { Resource, UnknownResources } from "../resources/resources.js";
import { scopesFor } from "../resources/scopes.js";
import { type OAuthClientOptions, oauthContext } from "./oauth-options.js";

/**
 * What {@link createAuthorizationRequest} needs.
 *
 * @example
 * ```ts
 * const input: AuthorizationRequestInput = {
 *   clientId,
 *   redirectUri: "http://127.0.0.1:8765/callback",
 *   resources: ["myactivity.youtube"],
 * };
 * ```
 */
export interface AuthorizationRequestInput extends Omit<OAuthClientOptions, "signal"> {
  /** Where Google sends the user back; must be registered for the OAuth client. */
  redirectUri: string;
  /** Data Portability resources only: their scopes are never mixed with others. */
  resources: readonly Resource[];
  /**
   * `"allow"` asks for well-formed groups newer than this version knows (as the client's
   * option of the same name); default `"reject"`.
   */
  unknownResources?: UnknownResources;
  /** Default: a fresh random value. */
  state?: string;
  /** Pre-fills the account chooser. */
  loginHint?: string;
  /** Default `"consent"`, so that Google returns a refresh token. */
  prompt?: "consent" | "select_account" | "none" | "consent select_account";
}

/**
 * An authorization URL to send the user to, and what the callback must be checked against.
 * Keep `state` and `codeVerifier` private (server session, or memory in a browser tab).
 *
 * @example
 * ```ts
 * const { url, state, codeVerifier }: AuthorizationRequest = await createAuthorizationRequest(input);
 * ```
 */
export interface AuthorizationRequest {
  /** Google's authorization URL, with every parameter set: send the user there. */
  url: URL;
  /** The `state` sent; the callback must carry the same value. */
  state: string;
  /** The PKCE verifier for the code exchange (its S256 challenge is in `url`). */
  codeVerifier: string;
  /** The resources whose scopes were asked for. */
  resources: Resource[];
}

/**
 * Builds the authorization URL for Data Portability scopes: offline access (refresh token),
 * PKCE S256 and `state`; the scopes are only the requested resources' (Google refuses a mix),
 * and `include_granted_scopes` is never sent.
 *
 * @throws {InvalidArgumentError} for unknown (unless `unknownResources: "allow"`), repeated or
 * no resources.
 * @example
 * ```ts
 * import { createAuthorizationRequest } from "@dataportability/core/oauth";
 *
 * const request = await createAuthorizationRequest({
 *   clientId: "123.apps.googleusercontent.com",
 *   redirectUri: "https://app.example/callback",
 *   resources: ["myactivity.youtube", "youtube.comments"],
 * });
 * session.save({ state: request.state, codeVerifier: request.codeVerifier });
 * redirect(request.url.href);
 * ```
 */
export async function createAuthorizationRequest(
  input: AuthorizationRequestInput,
): Promise<AuthorizationRequest> {
  const scopes = scopesFor(input.resources, { unknownResources: input.unknownResources });
  const { server } = oauthContext(input);
  const codeVerifier = oauth.generateRandomCodeVerifier();
  const state = input.state ?? oauth.generateRandomState();
  const url = new URL(server.authorization_endpoint!);
  const params: Record<string, string> = {
    client_id: input.clientId,
    redirect_uri: input.redirectUri,
    response_type: "code",
    scope: scopes.join(" "),
    access_type: "offline",
    prompt: input.prompt ?? "consent",
    state,
    code_challenge: await oauth.calculatePKCECodeChallenge(codeVerifier),
    code_challenge_method: "S256",
  };
  if (input.loginHint) params["login_hint"] = input.loginHint;
  for (const [key, value] of Object.entries(params)) url.searchParams.set(key, value);
  return { url, state, codeVerifier, resources: [...input.resources] };
}
