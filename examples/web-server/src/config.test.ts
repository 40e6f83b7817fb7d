import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig, parseTokenKey } from "./config.js";

const GOOGLE = { GOOGLE_CLIENT_ID: "123.apps.googleusercontent.com", GOOGLE_CLIENT_SECRET: "s" };
const KEY = Buffer.alloc(32, 7).toString("base64");

describe("loadConfig", () => {
  it("refuses to start against Google without TOKEN_ENCRYPTION_KEY, saying how to make one", async () => {
    const error = await loadConfig({ ...GOOGLE }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as Error).message).toMatch(/TOKEN_ENCRYPTION_KEY is required/);
    expect((error as Error).message).toMatch(/openssl rand -base64 32/);
  });

  it.each([
    ["a short key", Buffer.alloc(16).toString("base64")],
    ["a word", "password"],
    ["63 hex digits", "a".repeat(63)],
  ])("refuses %s", async (_, key) => {
    await expect(loadConfig({ ...GOOGLE, TOKEN_ENCRYPTION_KEY: key })).rejects.toThrow(
      /must be 32 random bytes as base64 \(44 characters\) or hex \(64 digits\).*randomBytes\(32\)/,
    );
  });

  it("takes 32 bytes as base64 or hex", async () => {
    const config = await loadConfig({ ...GOOGLE, TOKEN_ENCRYPTION_KEY: KEY });
    expect(config.tokenKey).toEqual(Buffer.alloc(32, 7));
    expect(parseTokenKey("07".repeat(32))).toEqual(Buffer.alloc(32, 7));
    expect(config.target).toEqual({
      kind: "google",
      ...{ clientId: GOOGLE.GOOGLE_CLIENT_ID, clientSecret: "s" },
    });
  });

  it("refuses a client ID without its secret", async () => {
    await expect(
      loadConfig({ GOOGLE_CLIENT_ID: GOOGLE.GOOGLE_CLIENT_ID, TOKEN_ENCRYPTION_KEY: KEY }),
    ).rejects.toThrow(/set both GOOGLE_CLIENT_ID and GOOGLE_CLIENT_SECRET/);
  });

  it.each(["PORT", "TICK_INTERVAL_SECONDS"])(
    "refuses a %s that is not a whole number",
    async (name) => {
      await expect(loadConfig({ [name]: "-1", TOKEN_ENCRYPTION_KEY: KEY })).rejects.toThrow(
        new RegExp(`${name} must be an integer`),
      );
    },
  );
});
