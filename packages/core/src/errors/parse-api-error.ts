import { quote } from "./invalid-argument-error.js";
import { PortabilityApiError } from "./portability-api-error.js";

// Bearer values, Google access (ya29.) and refresh (1//) tokens, and secret query parameters.
const SECRET_PATTERNS =
  /(Bearer\s+|(?:token|code|Signature)=)[^&\s"'<>]+|ya29\.[\w.-]+|1\/\/[\w.-]+/gi;

/**
 * Removes access tokens, refresh tokens and signed-URL signatures from text.
 *
 * @example
 * ```ts
 * redactSecrets("Authorization: Bearer ya29.abc", []); // "Authorization: Bearer [redacted]"
 * ```
 */
export function redactSecrets(text: string, secrets: readonly string[] = []): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.replaceAll(secret, "[redacted]");
  return out.replace(SECRET_PATTERNS, (_m, prefix = "") => `${prefix}[redacted]`);
}

/**
 * Reads a server-suggested delay from `Retry-After` (seconds or HTTP date) or from a
 * `google.rpc.RetryInfo` detail (`"30s"`), in milliseconds.
 *
 * @example
 * ```ts
 * retryAfterMs(new Headers({ "retry-after": "2" }), [], Date.now()); // 2000
 * ```
 */
export function retryAfterMs(
  headers: Headers,
  details: readonly unknown[],
  now: number,
): number | undefined {
  const header = headers.get("retry-after")?.trim();
  if (header) {
    // Seconds, else an HTTP date ("0" seconds falls through to a past date: no wait either way).
    const ms = Number(header) * 1000 || Date.parse(header) - now;
    if (!Number.isNaN(ms)) return Math.max(0, ms);
  }
  for (const detail of details) {
    // A missing delay reads as "undefined", which does not match.
    const match = /^(\d+(?:\.\d+)?)s$/.exec(
      String((detail as { retryDelay?: unknown })?.retryDelay),
    );
    if (match) return Number(match[1]) * 1000;
  }
  return undefined;
}

/**
 * Turns a failed HTTP answer into a {@link PortabilityApiError}: a `google.rpc.Status` body
 * is parsed; anything else (an HTML page from a proxy) gives the status and a short,
 * token-free excerpt.
 *
 * @example
 * ```ts
 * const error = parseApiError(response.status, response.headers, await response.text(), {
 *   operation: "getArchiveState",
 * });
 * ```
 */
export function parseApiError(
  httpStatus: number,
  headers: Headers,
  text: string,
  context: { operation?: string; now?: number; secrets?: readonly string[] } = {},
): PortabilityApiError {
  let status:
    | { code?: unknown; message?: unknown; status?: unknown; details?: unknown }
    | undefined;
  try {
    status = JSON.parse(text).error;
  } catch {
    // not JSON: described below
  }
  // Only an object is a google.rpc.Status (OAuth-style answers carry a string `error`).
  if (!(status instanceof Object)) status = undefined;
  const { secrets } = context;
  const details = Array.isArray(status?.details) ? status.details : [];
  const excerpt = redactSecrets(
    text
      .replace(/<(script|style)[\s\S]*?<\/\1>|<[^>]*>/gi, " ")
      .replace(/\s+/g, " ")
      .trim(),
    secrets,
  );
  const message = status
    ? redactSecrets(String(status.message ?? ""), secrets)
    : `unexpected non-JSON response (${headers.get("content-type")?.split(";")[0] || "no content type"})${
        excerpt && `: ${quote(excerpt)}`
      }`;
  return new PortabilityApiError({
    httpStatus,
    code: typeof status?.status === "string" ? status.status : undefined,
    message,
    details,
    retryAfterMs: retryAfterMs(headers, details, context.now ?? Date.now()),
    operation: context.operation,
  });
}
