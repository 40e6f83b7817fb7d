import { describe, expect, it } from "vitest";
import { Redactor } from "./redactor.js";

describe("Redactor", () => {
  it("masks registered secrets wherever they appear", () => {
    const redactor = new Redactor();
    redactor.add("emulator-token-123456");
    expect(redactor.redact("a emulator-token-123456 b emulator-token-123456")).toBe(
      "a [redacted] b [redacted]",
    );
  });

  it("ignores values too short to be secrets", () => {
    const redactor = new Redactor();
    redactor.add("abc");
    redactor.add(undefined);
    expect(redactor.redact("abc")).toBe("abc");
  });

  it("masks token-shaped text it was never told about", () => {
    const redactor = new Redactor();
    expect(redactor.redact("token ya29.a0AfH6SMBx-y_z.123 end")).toBe("token [redacted] end");
    expect(redactor.redact("refresh 1//0gAbCdEfGhIjKlMnOp")).toBe("refresh [redacted]");
    expect(redactor.redact("Authorization: Bearer abc.def")).toBe(
      "Authorization: Bearer [redacted]",
    );
    expect(redactor.redact('{"access_token":"xyz","refreshToken":"uvw"}')).toBe(
      '{"access_token":"[redacted]","refreshToken":"[redacted]"}',
    );
  });

  it("masks signatures and codes in URLs but keeps the rest", () => {
    const redactor = new Redactor();
    expect(
      redactor.redact(
        "https://storage.googleapis.com/b/o.zip?X-Goog-Date=20260101T000000Z&X-Goog-Signature=abcdef0123",
      ),
    ).toBe(
      "https://storage.googleapis.com/b/o.zip?X-Goog-Date=20260101T000000Z&X-Goog-Signature=[redacted]",
    );
    expect(redactor.redact("http://127.0.0.1:1/cb?state=s&code=4/0Abc")).toBe(
      "http://127.0.0.1:1/cb?state=s&code=[redacted]",
    );
    expect(redactor.redact("?code_challenge=xyz")).toBe("?code_challenge=xyz");
  });
});
