import type { Resource } from "@dataportability/core";
import { createAuthorizationRequest, exchangeAuthorizationCode } from "@dataportability/core/oauth";
import type { Backend, Session } from "./backend.js";

// The PKCE verifier and state must survive the trip to Google and back, in this tab only.
const PENDING_KEY = "dataportability-example:pending-authorization";

interface PendingAuthorization {
  state: string;
  codeVerifier: string;
  resources: Resource[];
}

const redirectUri = () => new URL(import.meta.env.BASE_URL, window.location.origin).href;

/**
 * Talks to Google: OAuth 2.0 authorization code flow with PKCE (S256) and `state`, asking
 * only for the Data Portability scopes of the chosen resources. Tokens stay in memory.
 * With `emulatorUrl` (a `dataportability-emulator` on loopback) the same flow and API calls
 * go to that emulator instead.
 */
export function createGoogleBackend(
  clientId: string,
  clientSecret?: string,
  emulatorUrl?: string,
): Backend {
  const app = {
    clientId,
    ...(clientSecret ? { clientSecret } : {}),
    ...(emulatorUrl && {
      // The issuer stays Google's: the emulator answers as accounts.google.com.
      endpoints: {
        authorization: `${emulatorUrl}/accounts/o/oauth2/v2/auth`,
        token: `${emulatorUrl}/oauth2/token`,
        revocation: `${emulatorUrl}/oauth2/revoke`,
      },
      allowInsecureRequests: true,
    }),
  };
  return {
    kind: "google",
    apiUrl: emulatorUrl,
    schedule: undefined,
    download: undefined,
    async authorize(resources) {
      const request = await createAuthorizationRequest({
        ...app,
        redirectUri: redirectUri(),
        resources,
      });
      const pending: PendingAuthorization = {
        state: request.state,
        codeVerifier: request.codeVerifier,
        resources: request.resources,
      };
      sessionStorage.setItem(PENDING_KEY, JSON.stringify(pending));
      window.location.assign(request.url.href);
      return undefined;
    },
    async resume(): Promise<Session | undefined> {
      const callback = new URL(window.location.href);
      const raw = sessionStorage.getItem(PENDING_KEY);
      if (!raw || !(callback.searchParams.has("code") || callback.searchParams.has("error"))) {
        return undefined;
      }
      sessionStorage.removeItem(PENDING_KEY);
      // The code is single-use: take it out of the address bar and history.
      window.history.replaceState(null, "", redirectUri());
      const pending = JSON.parse(raw) as PendingAuthorization;
      const tokens = await exchangeAuthorizationCode({
        ...app,
        redirectUri: redirectUri(),
        callbackUrl: callback,
        expectedState: pending.state,
        codeVerifier: pending.codeVerifier,
        requested: pending.resources,
      });
      return {
        accessToken: tokens.accessToken,
        granted: tokens.granted,
        missing: tokens.missing,
        expiresAt: tokens.expiresAt,
      };
    },
  };
}
