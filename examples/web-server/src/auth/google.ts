import {
  createPortabilityClient,
  type PortabilityClient,
  type TokenProvider,
} from "@dataportability/core";
import {
  createRefreshingTokenProvider,
  type OAuthClientOptions,
  type RefreshingTokenProviderInput,
} from "@dataportability/core/oauth";
import type { ApiTarget } from "../config.js";

/** The OAuth client and API address of Google, or of an emulator serving both. */
export interface Google {
  /** Client ID and secret (server side only), and the endpoints. */
  oauth: OAuthClientOptions;
  /** The API's base URL; undefined for Google's. */
  apiUrl: string | undefined;
  /** A client that acts for one consent, refreshing its access token when needed. */
  clientFor(tokens: RefreshingTokenProviderInput["tokens"]): PortabilityClient;
}

/** The client ID the example uses against an emulator (any value works there). */
export const EMULATOR_CLIENT_ID = "web-server-example.apps.googleusercontent.com";

/**
 * Google's endpoints for a Google target; for an emulator, those it serves under `emulatorUrl`
 * (`/accounts/…`, `/oauth2/…`, `/v1/…`), over plain HTTP on loopback.
 */
export function connectGoogle(
  target: ApiTarget,
  emulatorUrl: string | undefined,
  options: { timeoutMs?: number } = {},
): Google {
  const oauth: OAuthClientOptions =
    target.kind === "google"
      ? { clientId: target.clientId, clientSecret: target.clientSecret }
      : {
          clientId: EMULATOR_CLIENT_ID,
          clientSecret: "emulator-secret",
          endpoints: {
            authorization: `${emulatorUrl}/accounts/o/oauth2/v2/auth`,
            token: `${emulatorUrl}/oauth2/token`,
            revocation: `${emulatorUrl}/oauth2/revoke`,
          },
          allowInsecureRequests: true,
        };
  const apiUrl = target.kind === "google" ? undefined : emulatorUrl;
  return {
    oauth,
    apiUrl,
    clientFor(tokens) {
      const auth: TokenProvider = createRefreshingTokenProvider({ ...oauth, tokens });
      return createPortabilityClient({
        auth,
        ...(apiUrl ? { baseUrl: apiUrl } : {}),
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        userAgent: "dataportability-web-server-example",
      });
    },
  };
}
