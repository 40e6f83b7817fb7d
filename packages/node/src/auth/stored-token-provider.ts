import { PortabilityError, type TokenProvider } from "@dataportability/core";
import { type OAuthClientOptions, refreshAccessToken } from "@dataportability/core/oauth";
import type { TokenStore } from "./file-token-store.js";
import type { StoredCredentials } from "./stored-credentials.js";

/**
 * No credentials are stored for a profile, or they cannot be refreshed (no refresh token):
 * the user must sign in again.
 *
 * @example
 * ```ts
 * try {
 *   await client.getArchiveState(jobId);
 * } catch (error) {
 *   if (error instanceof SignInRequiredError) console.error(`Run: dataportability login --profile ${error.profile}`);
 * }
 * ```
 */
export class SignInRequiredError extends PortabilityError {
  /** The class name, set literally so that minified code keeps it. */
  override readonly name = "SignInRequiredError";
  /** The profile without usable credentials. */
  readonly profile: string;

  constructor(profile: string, problem: string) {
    super(`Profile "${profile}": ${problem}; sign in again`);
    this.profile = profile;
  }
}

/**
 * Options of {@link createStoredTokenProvider}: the OAuth client that issued the tokens, and
 * where they are stored.
 *
 * @example
 * ```ts
 * const options: StoredTokenProviderOptions = {
 *   store: createFileTokenStore(),
 *   profile: "default",
 *   clientId,
 *   clientSecret,
 * };
 * ```
 */
export interface StoredTokenProviderOptions extends OAuthClientOptions {
  /** Where the profile's credentials are read and refreshed ones saved. */
  store: TokenStore;
  /** The profile whose credentials are used, e.g. `"default"`. */
  profile: string;
  /** Refresh this long before expiry. Default 60 000 ms. */
  skewMs?: number;
}

/**
 * A token provider for `createPortabilityClient` backed by a {@link TokenStore}: it reads the
 * profile's credentials, refreshes the access token with the stored refresh token shortly
 * before it expires (or when the API answers 401), and saves the new one, keeping the refresh
 * token. Concurrent refreshes share one request.
 *
 * @param options - Store, profile and OAuth client.
 * @returns A token provider.
 * @throws {SignInRequiredError} (from `getAccessToken`) when nothing is stored or there is no
 *   refresh token for an expired access token.
 * @example
 * ```ts
 * import { createPortabilityClient } from "@dataportability/core";
 * import { createFileTokenStore, createStoredTokenProvider } from "@dataportability/node";
 *
 * const client = createPortabilityClient({
 *   auth: createStoredTokenProvider({
 *     store: createFileTokenStore(),
 *     profile: "default",
 *     clientId: process.env.GOOGLE_CLIENT_ID!,
 *     clientSecret: process.env.GOOGLE_CLIENT_SECRET,
 *   }),
 * });
 * ```
 */
export function createStoredTokenProvider(options: StoredTokenProviderOptions): TokenProvider {
  const { store, profile, skewMs = 60_000, ...oauth } = options;
  let current: StoredCredentials | undefined;
  let pending: Promise<string> | undefined;
  const now = () => options.clock?.now() ?? Date.now();

  const load = async (): Promise<StoredCredentials> => {
    current ??= await store.load(profile);
    if (!current) throw new SignInRequiredError(profile, "no credentials are stored");
    return current;
  };

  const refresh = (): Promise<string> => {
    pending ??= (async () => {
      const credentials = await load();
      if (!credentials.refreshToken) {
        throw new SignInRequiredError(
          profile,
          "the access token expired and there is no refresh token",
        );
      }
      const tokens = await refreshAccessToken({
        ...oauth,
        clientId: credentials.clientId ?? oauth.clientId,
        refreshToken: credentials.refreshToken,
      });
      current = await store.save(
        profile,
        credentials.with({
          accessToken: tokens.accessToken,
          refreshToken: tokens.refreshToken,
          expiresAt: tokens.expiresAt,
          scope: tokens.scope || credentials.scope,
        }),
      );
      return current.accessToken;
    })().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  return {
    async getAccessToken() {
      const credentials = await load();
      return credentials.isExpired(now(), skewMs) ? refresh() : credentials.accessToken;
    },
    refresh,
  };
}
