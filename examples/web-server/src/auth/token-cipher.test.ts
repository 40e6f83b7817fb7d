import { describe, expect, it } from "vitest";
import { createTokenCipher, deriveKeys } from "./token-cipher.js";

const keys = deriveKeys(Buffer.alloc(32, 1));
const cipher = createTokenCipher(keys.tokens);

describe("createTokenCipher", () => {
  it("round-trips a token without keeping it in clear", () => {
    const sealed = cipher.encrypt("1//0refresh-token", "user-1");
    expect(sealed).toMatch(/^v1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(sealed).not.toContain("refresh");
    expect(cipher.decrypt(sealed, "user-1")).toBe("1//0refresh-token");
    expect(cipher.encrypt("1//0refresh-token", "user-1")).not.toBe(sealed);
  });

  it("refuses a value moved to another user, changed, or sealed with another key", () => {
    const sealed = cipher.encrypt("1//0refresh-token", "user-1");
    expect(() => cipher.decrypt(sealed, "user-2")).toThrow();
    const [v, iv, tag, body] = sealed.split(".");
    const flipped = `${body!.slice(0, -2)}${body!.endsWith("AA") ? "BB" : "AA"}`;
    expect(() => cipher.decrypt([v, iv, tag, flipped].join("."), "user-1")).toThrow();
    const other = createTokenCipher(deriveKeys(Buffer.alloc(32, 2)).tokens);
    expect(() => other.decrypt(sealed, "user-1")).toThrow();
    expect(() => cipher.decrypt("not sealed", "user-1")).toThrow(/not a sealed token/);
  });

  it("derives different keys for tokens and cookies", () => {
    expect(keys.cookies).not.toBe(keys.tokens.toString("base64"));
  });
});
