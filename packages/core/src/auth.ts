import { InvalidArgumentError } from "./invalid-argument-error.js";

/**
 * A source of access tokens that can refresh them. The client calls `getAccessToken()`
 * before each request and, after a 401, `refresh()` once before replaying the request.
 *
 * @example
 * ```ts
 * const provider: TokenProvider = {
 *   getAccessToken: async () => store.accessToken,
 *   refresh: async () => (store.accessToken = await refreshWithGoogle(store.refreshToken)),
 * };
 * ```
 */
export interface TokenProvider {
  getAccessToken(): string | Promise<string>;
  refresh?(): string | Promise<string>;
}

/**
 * How the client authenticates: a token, a function returning one, or a {@link TokenProvider}.
 *
 * @example
 * ```ts
 * const auth: AuthOption = async () => session.accessToken;
 * ```
 */
export type AuthOption = string | (() => string | Promise<string>) | TokenProvider;

/** @internal The client's view of an {@link AuthOption}; refreshes are shared by concurrent calls. */
export interface TokenSource {
  get(): Promise<string>;
  refresh: (() => Promise<string>) | undefined;
}

const checked = (token: unknown): string => {
  if (typeof token !== "string" || token.trim() === "") {
    throw new InvalidArgumentError("auth", "no token given", "a non-empty string");
  }
  return token;
};

/**
 * @internal
 * @example
 * ```ts
 * const source = tokenSource("ya29...");
 * ```
 */
export function tokenSource(auth: AuthOption): TokenSource {
  if (typeof auth === "string") {
    checked(auth);
    return { get: async () => auth, refresh: undefined };
  }
  if (typeof auth === "function")
    return { get: async () => checked(await auth()), refresh: undefined };
  if (!auth || typeof auth.getAccessToken !== "function") {
    throw new InvalidArgumentError(
      "auth",
      "missing",
      "a token, a function returning one, or a TokenProvider",
    );
  }
  let pending: Promise<string> | undefined;
  const refresh = auth.refresh?.bind(auth);
  return {
    get: async () => checked(await (pending ?? auth.getAccessToken())),
    refresh:
      refresh &&
      (() => {
        pending ??= Promise.resolve()
          .then(refresh)
          .then(checked)
          .finally(() => {
            pending = undefined;
          });
        return pending;
      }),
  };
}
