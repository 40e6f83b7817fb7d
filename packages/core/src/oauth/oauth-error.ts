import * as oauth from "oauth4webapi";
import { PortabilityError } from "../portability-error.js";

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
 * @internal Runs an oauth4webapi call, turning its error answers into {@link OAuthError}.
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
    throw error;
  }
}
