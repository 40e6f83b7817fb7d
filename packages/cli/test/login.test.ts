import { readdir, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT_CODES } from "../src/index.js";
import { emulatorFixture, runCli } from "./support/run-cli.js";

const fixture = emulatorFixture();

/** A port nothing listens on now, for a web client's registered redirect. */
async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
  const { port } = probe.address() as { port: number };
  await new Promise((resolve) => probe.close(resolve));
  return port;
}

const config = (name: string) => ({ DATAPORTABILITY_CONFIG_DIR: path.join(fixture.tmp.dir, name) });

describe("credentials", () => {
  it("login --token stores a token you have; later commands use it without printing it", async () => {
    const { accessToken } = fixture.server.emulator.issueToken({
      resources: ["myactivity.youtube"],
    });
    const env = { ...config("token"), DATAPORTABILITY_API_URL: fixture.server.url };
    const login = await runCli(["login", "--token", accessToken], { env });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain("granted   myactivity.youtube");
    expect(login.stdout).toContain("cannot be refreshed");

    const access = await runCli(["access"], { env });
    expect(access.code, access.stderr).toBe(0);
    expect(access.stdout).toMatch(/myactivity\.youtube\s+one-time/);
    expect(login.all + access.all).not.toContain(accessToken);
    expect(await readdir(path.join(fixture.tmp.dir, "token", "credentials"))).toEqual([
      "default.json",
    ]);
  });

  it("DATAPORTABILITY_CLIENT_ID + _REFRESH_TOKEN: refreshes at the token endpoint and talks to the API", async () => {
    const issued = fixture.server.emulator.issueToken({
      resources: ["chrome.history"],
      clientId: "my-client",
    });
    const result = await runCli(["access", "--json"], {
      env: {
        ...config("refresh"),
        DATAPORTABILITY_API_URL: fixture.server.url,
        DATAPORTABILITY_TOKEN_URL: fixture.server.tokenUrl,
        DATAPORTABILITY_CLIENT_ID: "my-client",
        DATAPORTABILITY_CLIENT_SECRET: "my-secret-value",
        DATAPORTABILITY_REFRESH_TOKEN: issued.refreshToken,
      },
    });
    expect(result.code, result.stderr).toBe(0);
    expect(JSON.parse(result.stdout).oneTimeResources).toEqual(["chrome.history"]);
    expect(result.all).not.toContain(issued.refreshToken);
    expect(result.all).not.toContain("my-secret-value");
  });

  it("a refresh token without its client ID is refused with what to set (exit 3)", async () => {
    const result = await runCli(["access"], {
      env: { ...config("norefresh"), DATAPORTABILITY_REFRESH_TOKEN: "1//0refresh-token-value" },
    });
    expect(result.code).toBe(EXIT_CODES.auth);
    expect(result.stderr).toContain(
      "set DATAPORTABILITY_CLIENT_ID and DATAPORTABILITY_CLIENT_SECRET",
    );
    expect(result.all).not.toContain("1//0refresh-token-value");
  });

  it("login with Google needs an OAuth client: says how to get one (exit 3)", async () => {
    const result = await runCli(["login", "-r", "myactivity.youtube"], { env: config("noclient") });
    expect(result.code).toBe(EXIT_CODES.auth);
    expect(result.stderr).toContain("needs an OAuth client ID");
    expect(result.stderr).toContain('"Desktop app"');
  });

  it("partial consent: says which resources are missing", async () => {
    fixture.server.emulator.setConsent({ grant: ["myactivity.youtube"] });
    try {
      const result = await runCli(["login", "-r", "myactivity.youtube,myactivity.search"], {
        env: { ...config("partial"), DATAPORTABILITY_EMULATOR_URL: fixture.server.url },
      });
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain("granted   myactivity.youtube\n");
      expect(result.stdout).toContain("missing   myactivity.search");
      expect(result.stderr).toContain("Consent was not given for myactivity.search");
    } finally {
      fixture.server.emulator.setConsent({});
    }
  });

  it("login --emulator runs the flow against the embedded emulator and stores nothing", async () => {
    const result = await runCli(["--emulator", "login"], { env: config("embedded") });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain("Using the embedded emulator");
    expect(result.stdout).toContain("Signed in to the embedded emulator");
    expect(result.stdout).toContain("Nothing was stored");
    await expect(readdir(path.join(fixture.tmp.dir, "embedded"))).rejects.toThrow();
  });

  it("a refresh token from the environment that is refused points at the variable, not at login (exit 3)", async () => {
    const result = await runCli(["access"], {
      env: {
        ...config("refused"),
        DATAPORTABILITY_API_URL: fixture.server.url,
        DATAPORTABILITY_TOKEN_URL: fixture.server.tokenUrl,
        DATAPORTABILITY_CLIENT_ID: "my-client",
        DATAPORTABILITY_REFRESH_TOKEN: "1//0revoked-refresh-token",
      },
    });
    expect(result.code).toBe(EXIT_CODES.auth);
    expect(result.stderr).toContain("refused the credentials in DATAPORTABILITY_REFRESH_TOKEN");
    expect(result.stderr).toContain("Set a fresh DATAPORTABILITY_REFRESH_TOKEN");
    expect(result.stderr).not.toContain("approve every requested resource");
    expect(result.all).not.toContain("1//0revoked-refresh-token");
  });

  it("login --client-file reads Google's client JSON (installed and web) and signs in with it", async () => {
    const clients = {
      installed: {
        client_id: "10-desktop.apps.googleusercontent.com",
        client_secret: "GOCSPX-d1",
        redirect_uris: ["http://localhost"],
      },
      web: {
        client_id: "20-web.apps.googleusercontent.com",
        client_secret: "GOCSPX-w1",
        redirect_uris: [`http://127.0.0.1:${await freePort()}/oauth2/back`],
      },
    };
    for (const [kind, client] of Object.entries(clients)) {
      const file = path.join(fixture.tmp.dir, `client_secret_${kind}.json`);
      await writeFile(file, JSON.stringify({ [kind]: client }));
      const controller = new AbortController();
      let consentUrl: URL | undefined;
      const result = await runCli(
        ["login", "-r", "myactivity.youtube", "--client-file", file, "--no-browser"],
        {
          env: config(`client-${kind}`),
          signal: controller.signal,
          onStderr: (chunk) => {
            const url = /https:\/\/accounts\.google\.com\S+/.exec(chunk)?.[0];
            if (url) {
              consentUrl = new URL(url);
              controller.abort();
            }
          },
        },
      );
      expect(result.code, result.stderr).toBe(EXIT_CODES.interrupted);
      expect(consentUrl?.searchParams.get("client_id")).toBe(client.client_id);
      const redirect = consentUrl?.searchParams.get("redirect_uri");
      if (kind === "web") expect(redirect).toBe(clients.web.redirect_uris[0]);
      else expect(redirect).toMatch(/^http:\/\/127\.0\.0\.1:\d+\//);
      expect(result.all).not.toContain(client.client_secret);
    }
  });
});
