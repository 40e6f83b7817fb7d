import { HttpResponse } from "msw";
import type { RequestArea } from "../emulator/request-area.js";
import { toResponse } from "../handlers/operation-handler.js";
import { rpcError } from "../handlers/rpc-error.js";
import { storageErrorResponse } from "../storage/storage-error.js";

const HTML_PAGE = (status: number): string =>
  `<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <meta name=viewport content="initial-scale=1, minimum-scale=1, width=device-width">\n  <title>Error ${status} (Server Error)!!1</title>\n  <p><b>${status}.</b> <ins>That’s an error.</ins>\n  <p>The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds.  <ins>That’s all we know.</ins>\n`;

/**
 * The HTML error page a proxy or Google's front end sends instead of JSON.
 *
 * @example
 * ```ts
 * htmlErrorPage(502).headers.get("content-type"); // "text/html; charset=UTF-8"
 * ```
 */
export function htmlErrorPage(status: number): Response {
  return new HttpResponse(HTML_PAGE(status), {
    status,
    headers: { "content-type": "text/html; charset=UTF-8" },
  });
}

/**
 * A 429 in the format of the area it hits: `google.rpc.Status` with `RetryInfo` on the API, the
 * XML `SlowDown` on storage, an OAuth JSON error on the token endpoints; all with `Retry-After`.
 *
 * @example
 * ```ts
 * rateLimited("api", 2).headers.get("retry-after"); // "2"
 * ```
 */
export function rateLimited(area: RequestArea, seconds: number): Response {
  const headers = { "retry-after": String(seconds) };
  if (area === "storage") {
    return storageErrorResponse(
      { status: 429, code: "SlowDown", message: "Please reduce your request rate." },
      headers,
    );
  }
  if (area === "oauth") {
    return HttpResponse.json(
      { error: "rate_limit_exceeded", error_description: "Rate limit exceeded." },
      { status: 429, headers },
    );
  }
  return toResponse(
    rpcError({
      status: "RESOURCE_EXHAUSTED",
      message:
        "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute per user' of service 'dataportability.googleapis.com'.",
      reason: "RATE_LIMIT_EXCEEDED",
      domain: "googleapis.com",
      metadata: {
        service: "dataportability.googleapis.com",
        quota_limit: "RequestsPerMinutePerUser",
      },
      details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${seconds}s` }],
      headers,
    }),
  );
}

/**
 * A 5xx in the format of the area it hits.
 *
 * @example
 * ```ts
 * serverError("storage", 503).status; // 503
 * ```
 */
export function serverError(area: RequestArea, status: 500 | 502 | 503 | 504): Response {
  if (area === "storage") {
    const code = status === 503 ? "ServiceUnavailable" : "InternalError";
    return storageErrorResponse({
      status,
      code,
      message: "We encountered an internal error. Please try again.",
    });
  }
  if (area === "oauth") {
    return HttpResponse.json(
      { error: "internal_failure", error_description: "Backend Error" },
      { status },
    );
  }
  const name = status === 500 ? "INTERNAL" : status === 504 ? "DEADLINE_EXCEEDED" : "UNAVAILABLE";
  const message =
    status === 500
      ? "Internal error encountered."
      : status === 504
        ? "Deadline exceeded."
        : "The service is currently unavailable.";
  return toResponse(
    rpcError({
      status: name,
      message,
      httpStatus: status,
      reason: "BACKEND_ERROR",
      domain: "googleapis.com",
    }),
  );
}
