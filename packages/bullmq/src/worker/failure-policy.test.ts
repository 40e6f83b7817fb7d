import { InvalidArgumentError, PortabilityApiError } from "@dataportability/core";
import { ArchiveDownloadError, ArchiveVerificationError } from "@dataportability/node";
import { describe, expect, it } from "vitest";
import { backoffMs, classifyFailure } from "./failure-policy.js";

const api = (
  httpStatus: number,
  reason?: string,
  metadata: Record<string, string> = {},
  retryAfterMs?: number,
) =>
  new PortabilityApiError({
    httpStatus,
    message: "x",
    retryAfterMs,
    details: reason
      ? [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, metadata }]
      : [],
  });

describe("classifyFailure", () => {
  it("pauses the queue on a plain 429 and keeps its Retry-After", () => {
    expect(classifyFailure(api(429, undefined, {}, 3_000))).toEqual({
      kind: "rate-limit",
      waitMs: 3_000,
    });
  });

  it("waits for the next allowed time of a time-based export", () => {
    const error = api(429, "RESOURCE_EXHAUSTED_TIME_BASED", {
      timestamp_after_24hrs: "2026-01-02T00:00:00Z",
    });
    expect(classifyFailure(error)).toEqual({
      kind: "not-before",
      at: new Date("2026-01-02T00:00:00Z"),
    });
  });

  it("gives up on an exhausted one-time consent, 403 and 400", () => {
    expect(classifyFailure(api(429, "RESOURCE_EXHAUSTED_ONE_TIME"))).toEqual({ kind: "permanent" });
    expect(classifyFailure(api(403))).toEqual({ kind: "permanent" });
    expect(classifyFailure(api(400))).toEqual({ kind: "permanent" });
    expect(classifyFailure(new InvalidArgumentError("f", "bad", "good"))).toEqual({
      kind: "permanent",
    });
  });

  it("retries 5xx, 401 (the app may refresh), network errors and bad downloads", () => {
    expect(classifyFailure(api(503, undefined, {}, 1_000))).toEqual({
      kind: "transient",
      waitMs: 1_000,
    });
    expect(classifyFailure(api(401)).kind).toBe("transient");
    expect(classifyFailure(new TypeError("fetch failed")).kind).toBe("transient");
    const verify = new ArchiveVerificationError({
      fileName: "a",
      url: "u",
      check: "md5",
      expected: "1",
      actual: "2",
    });
    expect(classifyFailure(verify).kind).toBe("transient");
    const reset = new ArchiveDownloadError({ fileName: "a", url: "u", reason: "network" }, "reset");
    expect(classifyFailure(reset).kind).toBe("transient");
  });

  it("gives up on a storage 404 (archive gone) but not on a storage 503", () => {
    const gone = new ArchiveDownloadError(
      { fileName: "a", url: "u", reason: "http-status", httpStatus: 404 },
      "gone",
    );
    const busy = new ArchiveDownloadError(
      { fileName: "a", url: "u", reason: "http-status", httpStatus: 503 },
      "busy",
    );
    expect(classifyFailure(gone).kind).toBe("permanent");
    expect(classifyFailure(busy).kind).toBe("transient");
  });
});

describe("backoffMs", () => {
  it("doubles per failure up to the maximum, with ±20 % jitter", () => {
    const mid = () => 0.5;
    expect(
      [1, 2, 3, 4].map((n) => backoffMs(n, undefined, { baseMs: 1_000, maxMs: 5_000 }, mid)),
    ).toEqual([1_000, 2_000, 4_000, 5_000]);
    expect(backoffMs(1, undefined, { baseMs: 1_000 }, () => 0)).toBe(800);
    expect(backoffMs(1, undefined, { baseMs: 1_000 }, () => 1)).toBe(1_200);
  });

  it("never waits less than the server asked", () => {
    expect(backoffMs(1, 30_000, { baseMs: 1_000 }, () => 0.5)).toBe(30_000);
  });
});
