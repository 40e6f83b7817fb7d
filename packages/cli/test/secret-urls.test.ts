import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT_CODES } from "../src/index.js";
import { emulatorFixture, runCli } from "./support/run-cli.js";

const fixture = emulatorFixture();

const config = () => ({ DATAPORTABILITY_CONFIG_DIR: path.join(fixture.tmp.dir, "config") });

describe("secrets only over https (or to this machine)", () => {
  it("refuses a plain-http token URL on another host before any request, as it refuses such an API URL", async () => {
    const issued = fixture.server.emulator.issueToken({
      resources: ["myactivity.youtube"],
      clientId: "my-client",
    });
    const before = fixture.server.emulator.requests.length;
    const token = await runCli(["access"], {
      env: {
        ...config(),
        DATAPORTABILITY_API_URL: fixture.server.url,
        DATAPORTABILITY_TOKEN_URL: "http://oauth.example.test/token",
        DATAPORTABILITY_CLIENT_ID: "my-client",
        DATAPORTABILITY_CLIENT_SECRET: "my-secret-value",
        DATAPORTABILITY_REFRESH_TOKEN: issued.refreshToken,
      },
    });
    const api = await runCli(["access"], {
      env: {
        ...config(),
        DATAPORTABILITY_API_URL: "http://api.example.test",
        DATAPORTABILITY_ACCESS_TOKEN: issued.accessToken,
      },
    });
    for (const [result, setting, url] of [
      [token, "DATAPORTABILITY_TOKEN_URL", "http://oauth.example.test/token"],
      [api, "DATAPORTABILITY_API_URL", "http://api.example.test"],
    ] as const) {
      expect(result.code).toBe(EXIT_CODES.usage);
      expect(result.stderr).toContain(
        `${setting} "${url}" would send credentials over plain http to another machine.`,
      );
      expect(result.stderr).toContain("plain http:// is allowed only on this machine");
      expect(result.all).not.toContain(issued.refreshToken);
    }
    // One rule, one message: only the setting and its value differ.
    const general = (text: string, setting: string, url: string) =>
      text.replace(setting, "<setting>").replace(url, "<url>");
    expect(
      general(token.stderr, "DATAPORTABILITY_TOKEN_URL", "http://oauth.example.test/token"),
    ).toBe(general(api.stderr, "DATAPORTABILITY_API_URL", "http://api.example.test"));
    expect(fixture.server.emulator.requests.length).toBe(before);
    // login --token and a served emulator's URL keep to the same rule.
    const login = await runCli(["login", "--token", issued.accessToken], {
      env: { ...config(), DATAPORTABILITY_API_URL: "http://api.example.test" },
    });
    const emulator = await runCli(["login"], {
      env: { ...config(), DATAPORTABILITY_EMULATOR_URL: "http://emulator.example.test:8080" },
    });
    expect(login.stderr).toContain(api.stderr.split("\n")[0]);
    expect(emulator.code).toBe(EXIT_CODES.usage);
    expect(emulator.stderr).toContain(
      'DATAPORTABILITY_EMULATOR_URL "http://emulator.example.test:8080" would send credentials over plain http to another machine.',
    );
  });
});
