import { InvalidArgumentError } from "../errors/invalid-argument-error.js";

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
  /** Returns the current access token; called before each request. */
  getAccessToken(): string | Promise<string>;
  /**
   * Gets a new access token after a 401 and returns it; concurrent calls share one refresh.
   * Without it, a 401 is thrown as is.
   */
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

const missing = () =>
  new InvalidArgumentError("auth", "missing", "a token, a function or a TokenProvider");

/** A token from the source, refused when empty (the same error as no source at all). */
const checked = (token: unknown): string => {
  if (typeof token === "string" && token.trim()) return token;
  throw missing();
};

/**
 * @internal
 * @example
 * ```ts
 * const source = tokenSource("ya29...");
 * ```
 */
export function tokenSource(auth: AuthOption): TokenSource {
  const provider = typeof auth === "object" ? auth : undefined;
  const read =
    typeof auth === "string"
      ? auth.trim() && (() => auth)
      : typeof auth === "function"
        ? auth
        : provider?.getAccessToken;
  if (typeof read !== "function") throw missing();
  let pending: Promise<string> | undefined;
  const refresh = provider?.refresh?.bind(provider);
  return {
    get: async () => checked(await (pending ?? read.call(provider))),
    refresh:
      refresh &&
      (() =>
        (pending ??= Promise.resolve()
          .then(refresh)
          .then(checked)
          .finally(() => {
            pending = undefined;
          }))),
  };
}
