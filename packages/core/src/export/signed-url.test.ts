import { describe, expect, it } from "vitest";
import { signedUrlExpiry } from "./signed-url.js";

describe("signedUrlExpiry", () => {
  it("adds X-Goog-Expires to X-Goog-Date", () => {
    const url =
      "https://storage.googleapis.com/bucket/a.zip?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Date=20260101T120000Z&X-Goog-Expires=21600&X-Goog-Signature=abc";
    expect(signedUrlExpiry(url)?.toISOString()).toBe("2026-01-01T18:00:00.000Z");
  });

  it("ignores the case of parameter names", () => {
    expect(
      signedUrlExpiry("https://h/o?x-goog-expires=60&x-goog-date=20260101T000000Z")?.toISOString(),
    ).toBe("2026-01-01T00:01:00.000Z");
  });

  it("is undefined when the URL does not say", () => {
    expect(signedUrlExpiry("https://h/o?X-Goog-Date=20260101T000000Z")).toBeUndefined();
    expect(signedUrlExpiry("https://h/o?X-Goog-Date=2026-01-01&X-Goog-Expires=60")).toBeUndefined();
    expect(signedUrlExpiry("not a url")).toBeUndefined();
  });
});
