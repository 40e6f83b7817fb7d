import * as oauth from "oauth4webapi";
import { PortabilityError } from "../errors/portability-error.js";

/**
 * An OAuth error answer (`access_denied`, `invalid_grant`, ...), without any token or code.
 *
 * @example
 * ```ts
 * try {
 *   await refreshAccessToken({ clientId, clientSecret, refreshToken });
 * } catch (error) {
 *   if (error instanceof OAuthError && error.error === "invalid_grant") askForConsentAgain();
 * }
 * ```
 */
export class OAuthError extends PortabilityError {
  override readonly name = "OAuthError";
  /** The OAuth `error` code, e.g. `invalid_grant`. */
  readonly error: string;
  /** The OAuth `error_description`, when the server sent one. */
  readonly description: string | undefined;
  /** HTTP status of a token endpoint answer; absent for authorization responses. */
  readonly httpStatus: number | undefined;

  constructor(error: string, description?: string, httpStatus?: number) {
    super(`OAuth error ${error}${description ? `: ${description}` : ""}`);
    this.error = error;
    this.description = description;
    this.httpStatus = httpStatus;
  }
}

/**
 * @internal Runs an oauth4webapi call, turning its error answers into {@link OAuthError}; so
 * are its checks of what came back (a callback whose `state` differs from the one sent, a
 * token answer that is not JSON), named after the failed check, e.g. `invalid_response`.
 * @example
 * ```ts
 * const tokens = await oauthErrors(() => oauth.processRefreshTokenResponse(as, client, response));
 * ```
 */
export async function oauthErrors<T>(fn: () => T | Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (error instanceof oauth.ResponseBodyError) {
      throw new OAuthError(error.error, error.error_description, error.status);
    }
    if (error instanceof oauth.AuthorizationResponseError) {
      throw new OAuthError(error.error, error.error_description);
    }
    if (error instanceof oauth.OperationProcessingError) {
      // The message names the failed check; the cause is left out, as it may hold the code.
      const check = error.code?.replace(/^OAUTH_/, "").toLowerCase() ?? "invalid_response";
      throw new OAuthError(check, error.message);
    }
    throw error;
  }
}
