import type { TokenProvider } from "../client/auth.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import type { Resource } from "../resources/resources.js";
import type { OAuthClientOptions } from "./oauth-options.js";
import { type OAuthTokens, refreshAccessToken } from "./oauth-tokens.js";

/**
 * What {@link createRefreshingTokenProvider} needs.
 *
 * @example
 * ```ts
 * const input: RefreshingTokenProviderInput = {
 *   clientId, clientSecret,
 *   tokens: await store.load(),
 *   onRefresh: (tokens) => store.save(tokens),
 * };
 * ```
 */
export interface RefreshingTokenProviderInput extends OAuthClientOptions {
  /** The stored tokens to start from, e.g. an earlier {@link OAuthTokens}. */
  tokens: {
    /** The refresh token of the consent. */
    refreshToken: string;
    /** A current access token, used until `skewMs` before `expiresAt`. */
    accessToken?: string;
    /** When `accessToken` expires; without both, the first call refreshes. */
    expiresAt?: Date;
  };
  /** Called with each new set of tokens, e.g. to persist them. */
  onRefresh?: (tokens: OAuthTokens) => void | Promise<void>;
  /** Refresh this long before expiry. Default 60 000 ms. */
  skewMs?: number;
  /** The resources asked for, to report `missing` ones in the tokens given to `onRefresh`. */
  requested?: readonly Resource[];
}

/**
 * A {@link TokenProvider} for `createPortabilityClient` that refreshes the access token shortly
 * before it expires and when the API answers 401.
 *
 * @throws {InvalidArgumentError} when `tokens.refreshToken` is empty.
 * @example
 * ```ts
 * import { createPortabilityClient } from "@dataportability/core";
 * import { createRefreshingTokenProvider } from "@dataportability/core/oauth";
 *
 * const client = createPortabilityClient({
 *   auth: createRefreshingTokenProvider({ clientId, clientSecret, tokens }),
 * });
 * ```
 */
export function createRefreshingTokenProvider(input: RefreshingTokenProviderInput): TokenProvider {
  if (typeof input.tokens?.refreshToken !== "string" || !input.tokens.refreshToken.trim()) {
    throw new InvalidArgumentError(
      "tokens.refreshToken",
      "missing",
      "the refresh token of a consent",
    );
  }
  let { accessToken, expiresAt } = input.tokens;
  let refreshToken = input.tokens.refreshToken;
  const now = () => input.clock?.now() ?? Date.now();
  const refresh = async () => {
    const tokens = await refreshAccessToken({ ...input, refreshToken });
    ({ accessToken, expiresAt } = tokens);
    refreshToken = tokens.refreshToken ?? refreshToken;
    await input.onRefresh?.(tokens);
    return tokens.accessToken;
  };
  return {
    getAccessToken: async () =>
      accessToken && expiresAt && expiresAt.getTime() - (input.skewMs ?? 60_000) > now()
        ? accessToken
        : refresh(),
    refresh,
  };
}
