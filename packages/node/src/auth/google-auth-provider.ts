import { PortabilityError, type TokenProvider } from "@dataportability/core";

/**
 * The part of a google-auth-library client this package uses, so any version works without a
 * dependency on one: `OAuth2Client`, `JWT`, `Compute`, `UserRefreshClient` (`getAccessToken()`
 * resolves `{ token }`), and `GoogleAuth` (`getAccessToken()` resolves the token itself;
 * `getClient()` gives the underlying client).
 *
 * @example
 * ```ts
 * import { OAuth2Client } from "google-auth-library";
 * const client: GoogleAuthClientLike = new OAuth2Client(clientId, clientSecret);
 * ```
 */
export interface GoogleAuthClientLike {
  /** Resolves a valid access token (refreshed by the library when needed), or `{ token }`. */
  getAccessToken(): Promise<
    | string
    | null
    | undefined
    | {
        /** The access token. */
        token?: string | null | undefined;
      }
  >;
  /** Present on `GoogleAuth`: the client that actually holds the tokens. */
  getClient?(): Promise<unknown>;
  /** Present on `OAuth2Client` and its subclasses; `expiry_date` drives their refresh. */
  credentials?: {
    /** When the access token expires, in milliseconds since the Unix epoch. */
    expiry_date?: number | null | undefined;
  };
  /** Deprecated in google-auth-library, used only when `credentials` is absent. */
  refreshAccessToken?(): Promise<unknown>;
}

/**
 * Bridges a google-auth-library client to the
 * {@link "@dataportability/core"!index.TokenProvider | TokenProvider} that
 * `createPortabilityClient({ auth })` accepts.
 *
 * `getAccessToken()` delegates (the library caches and refreshes tokens itself). `refresh()`,
 * which the client calls once after a 401, marks the cached token as expired and asks again,
 * so the library fetches a new one with its refresh token or service credentials.
 *
 * @param client - An `OAuth2Client` (with credentials set), `GoogleAuth`, `JWT`, ...
 * @returns A token provider for `@dataportability/core`.
 * @example
 * ```ts
 * import { OAuth2Client } from "google-auth-library";
 * import { createPortabilityClient } from "@dataportability/core";
 * import { googleAuthTokenProvider } from "@dataportability/node";
 *
 * const oauth = new OAuth2Client(clientId, clientSecret);
 * oauth.setCredentials({ refresh_token: storedRefreshToken });
 * const client = createPortabilityClient({ auth: googleAuthTokenProvider(oauth) });
 * ```
 */
export function googleAuthTokenProvider(client: GoogleAuthClientLike): TokenProvider {
  if (!client || typeof client.getAccessToken !== "function") {
    throw new TypeError(
      "googleAuthTokenProvider: expected a google-auth-library client with getAccessToken()",
    );
  }
  const getAccessToken = async () => tokenOf(await client.getAccessToken());
  return {
    getAccessToken,
    async refresh() {
      const holder = typeof client.getClient === "function" ? await client.getClient() : client;
      const credentials = isObject(holder) ? holder["credentials"] : undefined;
      if (isObject(credentials)) {
        // google-auth-library refreshes when expiry_date is near; 0 would mean "no expiry".
        credentials["expiry_date"] = 1;
      } else if (isObject(holder) && typeof holder["refreshAccessToken"] === "function") {
        await (holder["refreshAccessToken"] as () => Promise<unknown>).call(holder);
      }
      return getAccessToken();
    },
  };
}

function tokenOf(result: Awaited<ReturnType<GoogleAuthClientLike["getAccessToken"]>>): string {
  const token = typeof result === "string" ? result : result?.token;
  if (typeof token !== "string" || token.length === 0) {
    throw new PortabilityError(
      "The google-auth-library client returned no access token; set credentials on it first",
    );
  }
  return token;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === "object" && value !== null;
}
