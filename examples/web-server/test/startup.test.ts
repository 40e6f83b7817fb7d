import { describe, expect, it } from "vitest";
import { runServerProcess } from "./support/server-process.js";

const GOOGLE = { GOOGLE_CLIENT_ID: "123.apps.googleusercontent.com", GOOGLE_CLIENT_SECRET: "s" };

describe("starting against Google", () => {
  it.each([
    ["without TOKEN_ENCRYPTION_KEY", {}, /TOKEN_ENCRYPTION_KEY is required against Google/],
    ["with a short key", { TOKEN_ENCRYPTION_KEY: "c2hvcnQ=" }, /got 8 characters/],
  ])("refuses %s and says how to make a key", async (_, env, message) => {
    const { code, output } = await runServerProcess({ ...GOOGLE, ...env });
    expect(code).toBe(1);
    expect(output).toMatch(message);
    expect(output).toContain("randomBytes(32)");
    expect(output).not.toContain("listening");
  });
});
