import { randomBytes } from "node:crypto";
import type { Clock, Resource } from "@dataportability/core";
import {
  createAuthorizationRequest,
  exchangeAuthorizationCode,
  type OAuthClientOptions,
} from "@dataportability/core/oauth";
import { startLoopbackReceiver } from "./loopback-receiver.js";
import { LoopbackSignInError } from "./oauth-loopback-error.js";
import { openBrowser as defaultOpenBrowser } from "./open-browser.js";
import { StoredCredentials } from "./stored-credentials.js";

/**
 * Options of {@link loopbackSignIn}: the OAuth client, the resources to ask for, and how the
 * user reaches the consent page.
 *
 * @example
 * ```ts
 * const options: LoopbackSignInOptions = {
 *   clientId: "123.apps.googleusercontent.com",
 *   clientSecret: "GOCSPX-...",
 *   resources: ["myactivity.youtube"],
 *   openBrowser: false, // print the URL instead
 * };
 * ```
 */
export interface LoopbackSignInOptions extends Omit<OAuthClientOptions, "signal" | "clock"> {
  /** Data Portability resources to request (their scopes only; Google refuses a mix). */
  resources: readonly Resource[];
  /**
   * Opens the consent page. Default: the system browser ({@link openBrowser}). `false` never
   * opens one; the URL is then printed.
   */
  openBrowser?: ((url: string) => void | Promise<void>) | false;
  /**
   * Shows a line to the user: the consent URL when no browser was opened (or opening failed).
   * Default: writes to standard error.
   */
  print?: (line: string) => void;
  /** Pre-fills the account chooser. */
  loginHint?: string;
  /** Port on 127.0.0.1. Default 0 (ephemeral). */
  port?: number;
  /** Path of the redirect URI. Default `/oauth2callback`. */
  callbackPath?: string;
  /** Give up after this long without a redirect. Default 300 000 ms. */
  timeoutMs?: number;
  /** Time source for the timeout and token expiry. Default the system clock. */
  clock?: Clock;
  /** Cancels the sign-in. */
  signal?: AbortSignal;
  /** The page shown in the browser after the redirect. */
  successHtml?: string;
}

/**
 * What {@link loopbackSignIn} obtained. The tokens are inside `credentials`, which never
 * shows them when logged or serialized.
 *
 * @example
 * ```ts
 * const { credentials, granted, missing }: LoopbackSignInResult = await loopbackSignIn(options);
 * ```
 */
export interface LoopbackSignInResult {
  /** Access and refresh tokens, expiry, granted scope and client ID; save them with a token store. */
  credentials: StoredCredentials;
  /** Requested resources the user granted. */
  granted: Resource[];
  /** Requested resources the user did not grant (partial consent). */
  missing: Resource[];
  /** The redirect URI that was used. */
  redirectUri: string;
}

/**
 * Signs a user in from a desktop app or CLI with the OAuth loopback flow: starts a one-shot
 * server on 127.0.0.1 (ephemeral port), opens the consent page (or prints its URL), checks the
 * redirect's `state`, and exchanges the code with its PKCE (S256) verifier for tokens with
 * offline access. Partial consent is reported in `missing`; a consent that grants none of the
 * requested resources fails with {@link LoopbackSignInError} (`nothing_granted`), as do a
 * refusal (`access_denied`), a forged redirect (`state_mismatch`) and a timeout (`timeout`).
 *
 * @param options - OAuth client, resources, browser and timeout settings.
 * @returns Credentials and the granted and missing resources.
 * @example
 * ```ts
 * import { createFileTokenStore, loopbackSignIn } from "@dataportability/node";
 *
 * const { credentials, missing } = await loopbackSignIn({
 *   clientId: process.env.GOOGLE_CLIENT_ID!,
 *   clientSecret: process.env.GOOGLE_CLIENT_SECRET,
 *   resources: ["myactivity.youtube", "youtube.comments"],
 * });
 * if (missing.length) console.warn(`Not granted: ${missing.join(", ")}`);
 * await createFileTokenStore().save("default", credentials);
 * ```
 */
export async function loopbackSignIn(
  options: LoopbackSignInOptions,
): Promise<LoopbackSignInResult> {
  const {
    resources,
    openBrowser = defaultOpenBrowser,
    print = (line: string) => process.stderr.write(`${line}\n`),
    loginHint,
    port,
    callbackPath,
    timeoutMs,
    clock,
    signal,
    successHtml,
    ...client
  } = options;
  const state = randomBytes(24).toString("base64url");
  const receiver = await startLoopbackReceiver({
    state,
    port,
    callbackPath,
    timeoutMs,
    clock,
    signal,
    successHtml,
  });
  try {
    const request = await createAuthorizationRequest({
      ...client,
      redirectUri: receiver.redirectUri,
      resources,
      state,
      ...(loginHint ? { loginHint } : {}),
    });
    const url = request.url.href;
    let opened = false;
    if (openBrowser) {
      try {
        await openBrowser(url);
        opened = true;
      } catch {
        // No browser here (SSH, container): fall back to printing the URL.
      }
    }
    if (!opened) print(`Open this URL in a browser to sign in:\n${url}`);
    const redirect = await receiver.result;
    const tokens = await exchangeAuthorizationCode({
      ...client,
      ...(clock ? { clock } : {}),
      ...(signal ? { signal } : {}),
      redirectUri: receiver.redirectUri,
      callbackUrl: redirect.params,
      expectedState: state,
      codeVerifier: request.codeVerifier,
      requested: request.resources,
    });
    if (tokens.granted.length === 0) {
      throw new LoopbackSignInError(
        "nothing_granted",
        `None of the requested resources was granted (${request.resources.join(", ")})`,
      );
    }
    return {
      credentials: new StoredCredentials({
        accessToken: tokens.accessToken,
        refreshToken: tokens.refreshToken,
        expiresAt: tokens.expiresAt,
        scope: tokens.scope,
        tokenType: "Bearer",
        clientId: client.clientId,
      }),
      granted: tokens.granted,
      missing: tokens.missing,
      redirectUri: receiver.redirectUri,
    };
  } finally {
    await receiver.close();
  }
}
