import { describe, expect, it } from "vitest";
import { SIGNED_URL_TTL_SECONDS, UrlSigner } from "./signed-url.js";

const signer = new UrlSigner("GOOG1EXAMPLE", "secret");
const now = Date.parse("2026-01-01T12:00:00Z");
const object = "https://storage.googleapis.com/dataportability-exports/1/a.zip";

describe("UrlSigner", () => {
  const url = new URL(signer.sign(object, now));

  it("signs V4-style query parameters valid for 6 hours", () => {
    const q = url.searchParams;
    expect(q.get("X-Goog-Algorithm")).toBe("GOOG4-HMAC-SHA256");
    expect(q.get("X-Goog-Credential")).toBe("GOOG1EXAMPLE/20260101/auto/storage/goog4_request");
    expect(q.get("X-Goog-Date")).toBe("20260101T120000Z");
    expect(q.get("X-Goog-Expires")).toBe(String(SIGNED_URL_TTL_SECONDS));
    expect(q.get("X-Goog-SignedHeaders")).toBe("host");
    expect(q.get("X-Goog-Signature")).toMatch(/^[0-9a-f]{64}$/);
    expect(signer.verify(url, "GET", now + 1000)).toEqual({
      ok: true,
      signedAtMs: now,
      expiresAtMs: now + 21_600_000,
    });
  });

  it("refuses an expired URL with ExpiredToken", () => {
    const check = signer.verify(url, "GET", now + 21_600_001);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.error).toMatchObject({
        status: 400,
        code: "ExpiredToken",
        details: `Request has expired: ${(now + 21_600_000) / 1000}`,
      });
    }
  });

  it("refuses tampered parameters, paths, hosts, methods and other keys with SignatureDoesNotMatch", () => {
    const tampered = [
      new URL(url.href.replace("X-Goog-Expires=21600", "X-Goog-Expires=604800")),
      new URL(url.href.replace("/1/a.zip", "/2/a.zip")),
      new URL(url.href.replace("storage.googleapis.com", "evil.example")),
    ];
    for (const u of tampered) {
      const check = signer.verify(u, "GET", now);
      expect(check.ok ? "ok" : check.error.code).toBe("SignatureDoesNotMatch");
    }
    const head = signer.verify(url, "HEAD", now);
    expect(head.ok ? "ok" : head.error.status).toBe(403);
    const other = new UrlSigner("GOOG1EXAMPLE", "other").verify(url, "GET", now);
    expect(other.ok).toBe(false);
  });

  it("refuses malformed URLs with InvalidArgument", () => {
    const missing = new URL(url.href);
    missing.searchParams.delete("X-Goog-Date");
    const badExpiry = new URL(url.href.replace("X-Goog-Expires=21600", "X-Goog-Expires=999999"));
    for (const u of [missing, badExpiry]) {
      const check = signer.verify(u, "GET", now);
      expect(check.ok ? "ok" : check.error.code).toBe("InvalidArgument");
    }
  });
});
