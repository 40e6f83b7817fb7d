import { createPortabilityClient } from "@dataportability/core";
import { GoogleAuth, OAuth2Client } from "google-auth-library";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { googleAuthTokenProvider } from "../src/index.js";
import { startEmulator, type TestEmulator } from "./support/emulator.js";

let emu: TestEmulator;
beforeEach(async () => {
  emu = await startEmulator();
});
afterEach(async () => {
  await emu.close();
});

function oauthClient(): OAuth2Client {
  const { refreshToken } = emu.server.emulator.issueToken({
    resources: ["myactivity.youtube"],
    clientId: "gal-client",
  });
  const client = new OAuth2Client({
    clientId: "gal-client",
    clientSecret: "secret",
    endpoints: { oauth2TokenUrl: emu.server.tokenUrl },
  });
  client.setCredentials({ refresh_token: refreshToken });
  return client;
}

describe("googleAuthTokenProvider with google-auth-library against the emulator", () => {
  it("gets tokens from an OAuth2Client and forces a refresh on demand", async () => {
    const provider = googleAuthTokenProvider(oauthClient());
    const first = await provider.getAccessToken();
    expect(await provider.getAccessToken()).toBe(first); // cached by the library
    const second = await provider.refresh!();
    expect(second).not.toBe(first);
    expect(await provider.getAccessToken()).toBe(second);
  });

  it("recovers from a 401 on a token the library still believes valid", async () => {
    const client = createPortabilityClient({
      auth: googleAuthTokenProvider(oauthClient()),
      baseUrl: emu.server.url,
      clock: emu.clock,
    });
    await client.checkAccessType();
    // Virtual time passes the token's expiry; the library's real-time cache does not notice.
    emu.virtual.advance(2 * 3_600_000);
    await expect(client.checkAccessType()).resolves.toMatchObject({
      oneTimeResources: ["myactivity.youtube"],
    });
    const statuses = emu.server.emulator.requests
      .filter((entry) => entry.operation !== "token")
      .map((entry) => entry.status);
    expect(statuses).toEqual([200, 401, 200]);
  });

  it("works with GoogleAuth (token resolved as a string, refresh through getClient)", async () => {
    const auth = new GoogleAuth({ authClient: oauthClient() });
    const provider = googleAuthTokenProvider(auth);
    const first = await provider.getAccessToken();
    expect(typeof first).toBe("string");
    expect(await provider.refresh!()).not.toBe(first);
  });

  it("refuses objects that are not google-auth-library clients", () => {
    expect(() => googleAuthTokenProvider({} as never)).toThrow(/getAccessToken/);
  });
});
