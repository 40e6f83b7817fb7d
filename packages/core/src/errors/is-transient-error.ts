import { PortabilityApiError } from "./portability-api-error.js";
import { PortabilityError } from "./portability-error.js";

/**
 * @internal Whether asking again later may succeed after `error`, the rule of every poll loop:
 * yes for rate limits, server errors and network failures (which outlast the client's own
 * retries); no for answers that asking again cannot change (bad input, 400, 401, 403, 404, an
 * exhausted quota, an answer the client cannot use) and for the package's other errors.
 * @example
 * ```ts
 * isTransientError(new PortabilityApiError({ httpStatus: 503, message: "" })); // true
 * isTransientError(new PortabilityApiError({ httpStatus: 404, message: "" })); // false
 * ```
 */
export function isTransientError(error: unknown): boolean {
  if (error instanceof PortabilityApiError) return error.isTransient;
  return !(error instanceof PortabilityError);
}
