import { describe, expect, it } from "vitest";
import { parseApiError, redactSecrets, retryAfterMs } from "./parse-api-error.js";
import { PortabilityApiError } from "./portability-api-error.js";
import { PortabilityError } from "./portability-error.js";

const status = (error: object) => JSON.stringify({ error });
const json = new Headers({ "content-type": "application/json; charset=UTF-8" });

describe("parseApiError", () => {
  it("parses a google.rpc.Status with ErrorInfo", () => {
    const error = parseApiError(
      429,
      json,
      status({
        code: 429,
        message: "Requested resources have already been exported.",
        status: "RESOURCE_EXHAUSTED",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "RESOURCE_EXHAUSTED_ONE_TIME",
            domain: "dataportability.googleapis.com",
            metadata: { previous_job_ids: "job-1, job-2," },
          },
          { "@type": "type.googleapis.com/google.rpc.Help", links: [] },
        ],
      }),
      { operation: "initiateArchive" },
    );
    expect(error).toBeInstanceOf(PortabilityApiError);
    expect(error).toBeInstanceOf(PortabilityError);
    expect(error.name).toBe("PortabilityApiError");
    expect(error.httpStatus).toBe(429);
    expect(error.code).toBe("RESOURCE_EXHAUSTED");
    expect(error.reason).toBe("RESOURCE_EXHAUSTED_ONE_TIME");
    expect(error.isOneTimeExhausted).toBe(true);
    expect(error.isTransient).toBe(false);
    expect(error.previousJobIds).toEqual(["job-1", "job-2"]);
    expect(error.details).toHaveLength(2);
    expect(error.operation).toBe("initiateArchive");
    expect(error.message).toBe(
      "initiateArchive: 429 RESOURCE_EXHAUSTED: Requested resources have already been exported.",
    );
    expect(error.serverMessage).toBe("Requested resources have already been exported.");
  });

  it("reads timestamp_after_24hrs as a Date, in RFC 3339 or epoch seconds", () => {
    const withTimestamp = (value: string) =>
      parseApiError(
        429,
        json,
        status({
          code: 429,
          message: "m",
          status: "RESOURCE_EXHAUSTED",
          details: [
            {
              "@type": "type.googleapis.com/google.rpc.ErrorInfo",
              reason: "RESOURCE_EXHAUSTED_TIME_BASED",
              metadata: { timestamp_after_24hrs: value },
            },
          ],
        }),
      ).nextAllowedAt;
    expect(withTimestamp("2026-01-02T10:00:00Z")?.toISOString()).toBe("2026-01-02T10:00:00.000Z");
    expect(withTimestamp("1767348000")?.toISOString()).toBe("2026-01-02T10:00:00.000Z");
    expect(withTimestamp("soon")).toBeUndefined();
  });

  it("exposes the existing job of ALREADY_EXISTS", () => {
    const error = parseApiError(
      409,
      json,
      status({
        code: 409,
        message: "exists",
        status: "ALREADY_EXISTS",
        details: [
          {
            "@type": "type.googleapis.com/google.rpc.ErrorInfo",
            reason: "ALREADY_EXISTS_ONE_TIME",
            metadata: { job_id: "job-7" },
          },
        ],
      }),
    );
    expect(error.existingJobId).toBe("job-7");
    expect(error.nextAllowedAt).toBeUndefined();
    expect(error.previousJobIds).toEqual([]);
  });

  it("turns an HTML proxy page into a short, readable, token-free message", () => {
    const page = `<!DOCTYPE html><html><head><style>body{color:red}</style><title>502 Bad Gateway</title></head>
      <body><h1>Bad Gateway</h1><p>upstream said: Authorization: Bearer ya29.SECRET-token_value for
      https://x/?access_token=abc123&X-Goog-Signature=deadbeef refresh 1//0gREFRESH-token</p>
      ${"<p>filler text</p>".repeat(50)}</body></html>`;
    const error = parseApiError(502, new Headers({ "content-type": "text/html" }), page, {
      secrets: ["SECRET-token_value"],
    });
    expect(error.httpStatus).toBe(502);
    expect(error.code).toBe("UNKNOWN");
    expect(error.isTransient).toBe(true);
    expect(error.message).toMatch(
      /^502 UNKNOWN: unexpected non-JSON response \(text\/html\): "502 Bad Gateway Bad Gateway/,
    );
    expect(error.message).not.toMatch(/SECRET|abc123|deadbeef|REFRESH|<|color:red/);
    expect(error.message).toContain("[redacted]");
    expect(error.message.length).toBeLessThan(260);
  });

  it("uses the HTTP status for the code when the body has none", () => {
    expect(parseApiError(503, new Headers(), "").code).toBe("UNAVAILABLE");
    expect(parseApiError(503, new Headers(), "").message).toBe(
      "503 UNAVAILABLE: unexpected non-JSON response (no content type)",
    );
    expect(parseApiError(418, new Headers(), "{}").code).toBe("UNKNOWN");
  });

  it("serializes without secrets and with the message", () => {
    const error = parseApiError(
      401,
      json,
      status({ code: 401, message: "Bad token Bearer ya29.zzz", status: "UNAUTHENTICATED" }),
      { secrets: ["ya29.zzz"] },
    );
    const serialized = JSON.parse(JSON.stringify(error));
    expect(serialized).toMatchObject({
      name: "PortabilityApiError",
      httpStatus: 401,
      code: "UNAUTHENTICATED",
      serverMessage: "Bad token Bearer [redacted]",
    });
    expect(serialized.message).toContain("Bad token Bearer [redacted]");
    expect(JSON.stringify(error)).not.toContain("ya29.zzz");
  });
});

describe("retryAfterMs", () => {
  const now = Date.parse("2026-01-01T00:00:00Z");
  it("reads Retry-After seconds and HTTP dates", () => {
    expect(retryAfterMs(new Headers({ "retry-after": "2" }), [], now)).toBe(2000);
    expect(
      retryAfterMs(new Headers({ "retry-after": "Thu, 01 Jan 2026 00:00:30 GMT" }), [], now),
    ).toBe(30_000);
    expect(
      retryAfterMs(new Headers({ "retry-after": "Wed, 31 Dec 2025 00:00:00 GMT" }), [], now),
    ).toBe(0);
  });

  it("reads RetryInfo and ignores junk", () => {
    const info = [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "1.5s" }];
    expect(retryAfterMs(new Headers(), info, now)).toBe(1500);
    expect(retryAfterMs(new Headers({ "retry-after": "later" }), [null, {}], now)).toBeUndefined();
  });
});

describe("redactSecrets", () => {
  it("removes given secrets and token-looking values", () => {
    expect(redactSecrets("a tok123 b", ["tok123"])).toBe("a [redacted] b");
    expect(redactSecrets("?refresh_token=1%2F%2Fabc&x=1", [])).toBe(
      "?refresh_token=[redacted]&x=1",
    );
    expect(redactSecrets("code=4/0Adeu5&state=s", [])).toBe("code=[redacted]&state=s");
  });
});
