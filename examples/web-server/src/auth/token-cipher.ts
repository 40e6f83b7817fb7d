import { createCipheriv, createDecipheriv, hkdfSync, randomBytes } from "node:crypto";

/** Encrypts secrets for a database column, bound to the row they belong to. */
export interface TokenCipher {
  /** `v1.<iv>.<tag>.<ciphertext>` (base64url); `context` (e.g. the user ID) must match on decrypt. */
  encrypt(plaintext: string, context: string): string;
  /** @throws when the value was changed, or encrypted for another context or key. */
  decrypt(sealed: string, context: string): string;
}

/** Two independent keys from the one configured: one encrypts tokens, one signs cookies. */
export function deriveKeys(masterKey: Buffer): { tokens: Buffer; cookies: string } {
  const derive = (info: string) =>
    Buffer.from(hkdfSync("sha256", masterKey, Buffer.alloc(0), info, 32));
  return {
    tokens: derive("web-server token encryption"),
    cookies: derive("web-server cookie signing").toString("base64"),
  };
}

/**
 * AES-256-GCM with a fresh 96-bit IV per value; the context is authenticated data, so a token
 * copied into another user's row does not decrypt.
 */
export function createTokenCipher(key: Buffer): TokenCipher {
  if (key.length !== 32) throw new RangeError("the token key must be 32 bytes");
  return {
    encrypt(plaintext, context) {
      const iv = randomBytes(12);
      const cipher = createCipheriv("aes-256-gcm", key, iv);
      cipher.setAAD(Buffer.from(context));
      const body = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
      return ["v1", iv, cipher.getAuthTag(), body]
        .map((part) => (typeof part === "string" ? part : part.toString("base64url")))
        .join(".");
    },
    decrypt(sealed, context) {
      const [version, iv, tag, body] = sealed.split(".");
      if (version !== "v1" || !iv || !tag || body === undefined) {
        throw new Error("not a sealed token (expected v1.<iv>.<tag>.<ciphertext>)");
      }
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(iv, "base64url"));
      decipher.setAAD(Buffer.from(context));
      decipher.setAuthTag(Buffer.from(tag, "base64url"));
      return Buffer.concat([
        decipher.update(Buffer.from(body, "base64url")),
        decipher.final(),
      ]).toString("utf8");
    },
  };
}
