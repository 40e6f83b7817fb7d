import { PortabilityError } from "@dataportability/core";

/**
 * Why a loopback sign-in failed.
 *
 * @example
 * ```ts
 * const reason: LoopbackFailure = "access_denied";
 * ```
 */
export type LoopbackFailure =
  /** The user refused consent (`error=access_denied`). */
  | "access_denied"
  /** The authorization server redirected with another `error`. */
  | "authorization_error"
  /** The redirect's `state` did not match: possibly a forged request, so the flow stops. */
  | "state_mismatch"
  /** The redirect carried no `code`. */
  | "missing_code"
  /** No redirect arrived within `timeoutMs`. */
  | "timeout"
  /** The user granted none of the requested resources. */
  | "nothing_granted";

/**
 * A loopback sign-in did not produce tokens. The message never contains a code or token.
 *
 * @example
 * ```ts
 * try {
 *   await loopbackSignIn({ clientId, resources });
 * } catch (error) {
 *   if (error instanceof LoopbackSignInError && error.reason === "access_denied") {
 *     console.error("Consent was refused.");
 *   }
 * }
 * ```
 */
export class LoopbackSignInError extends PortabilityError {
  /** The class name, set literally so that minified code keeps it. */
  override readonly name = "LoopbackSignInError";
  /** Why it failed. */
  readonly reason: LoopbackFailure;
  /** The `error` parameter of the redirect, when there was one. */
  readonly oauthError: string | undefined;

  constructor(reason: LoopbackFailure, message: string, oauthError?: string) {
    super(message);
    this.reason = reason;
    this.oauthError = oauthError;
  }
}
