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
export function redactSecrets(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) if (secret) out = out.split(secret).join("[redacted]");
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
    const ms = /^\d+(\.\d+)?$/.test(header) ? Number(header) * 1000 : Date.parse(header) - now;
    if (!Number.isNaN(ms)) return Math.max(0, ms);
  }
  for (const detail of details) {
    const delay = (detail as { retryDelay?: unknown } | null)?.retryDelay;
    const match = typeof delay === "string" && /^(\d+(?:\.\d+)?)s$/.exec(delay);
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
    const parsed = JSON.parse(text);
    if (parsed && typeof parsed.error === "object") status = parsed.error;
  } catch {
    // not JSON: described below
  }
  const secrets = context.secrets ?? [];
  const details = Array.isArray(status?.details) ? status.details : [];
  let message: string;
  if (status) {
    message = redactSecrets(String(status.message ?? ""), secrets);
  } else {
    const excerpt = redactSecrets(
      text
        .replace(/<(script|style)[\s\S]*?<\/\1>|<[^>]*>/gi, " ")
        .replace(/\s+/g, " ")
        .trim(),
      secrets,
    );
    const type = headers.get("content-type")?.split(";")[0] || "no content type";
    message = `unexpected non-JSON response (${type})${
      excerpt ? `: "${excerpt.length > 160 ? `${excerpt.slice(0, 160)}…` : excerpt}"` : ""
    }`;
  }
  return new PortabilityApiError({
    httpStatus,
    code: typeof status?.status === "string" ? status.status : undefined,
    message,
    details,
    retryAfterMs: retryAfterMs(headers, details, context.now ?? Date.now()),
    operation: context.operation,
  });
}
