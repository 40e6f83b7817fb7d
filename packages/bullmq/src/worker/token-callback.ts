import {
  type AuthOption,
  createPortabilityClient,
  type PortabilityClient,
  type PortabilityClientOptions,
} from "@dataportability/core";
import { TokenUnavailableError } from "../errors/export-errors.js";

/**
 * Why a worker asks for a token: `api` for Data Portability API calls (initiate, state
 * checks, retry, reset), `download` for reading fresh signed URLs before a download.
 *
 * @example
 * ```ts
 * const purpose: TokenPurpose = "api";
 * ```
 */
export type TokenPurpose = "api" | "download";

/**
 * Gives a worker the access token of a user when it needs one: a token string, a function
 * returning one, or a `TokenProvider` (with `refresh()`, called once after a 401). Tokens
 * stay in the app: they are never written to Redis. Return `undefined` (or `null`) when the
 * user has no usable token: the export then ends in the dead letters with
 * {@link TokenUnavailableError}. A thrown error counts as a transient failure and is retried.
 *
 * @example
 * ```ts
 * const auth: TokenCallback = async (userId) => {
 *   const row = await db.tokens.find(userId);
 *   if (!row) return undefined;
 *   return {
 *     getAccessToken: () => row.accessToken,
 *     refresh: async () => (await refreshAndSave(row)).accessToken,
 *   };
 * };
 * ```
 */
export type TokenCallback = (
  userId: string,
  context: { exportId: string; purpose: TokenPurpose },
) => AuthOption | null | undefined | Promise<AuthOption | null | undefined>;

/**
 * Client settings shared by every user's client (everything but `auth`).
 *
 * @example
 * ```ts
 * const client: ClientSettings = { baseUrl: "http://127.0.0.1:8080", retry: { maxAttempts: 3 } };
 * ```
 */
export type ClientSettings = Omit<PortabilityClientOptions, "auth">;

/**
 * Builds the client of one user for one step, asking the callback for the token.
 *
 * @internal
 * @throws {TokenUnavailableError} when the callback gives no token.
 * @example
 * ```ts
 * const client = await clientForUser(auth, settings, "user-42", { exportId, purpose: "api" });
 * ```
 */
export async function clientForUser(
  auth: TokenCallback,
  settings: ClientSettings,
  userId: string,
  context: { exportId: string; purpose: TokenPurpose },
): Promise<PortabilityClient> {
  const option = await auth(userId, context);
  if (option === undefined || option === null || option === "") {
    throw new TokenUnavailableError(userId);
  }
  return createPortabilityClient({ ...settings, auth: option });
}
