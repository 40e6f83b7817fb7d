import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../errors/exit-codes.js";
import { readGoogleClientFile } from "./google-client-file.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dp-client-file-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function file(name: string, content: unknown): Promise<string> {
  const target = path.join(dir, name);
  await writeFile(target, typeof content === "string" ? content : JSON.stringify(content));
  return target;
}

const google = {
  project_id: "my-project",
  auth_uri: "https://accounts.google.com/o/oauth2/auth",
  token_uri: "https://oauth2.googleapis.com/token",
  client_secret: "GOCSPX-secret",
};

describe("readGoogleClientFile", () => {
  it("reads a Desktop app client (installed): any loopback port", async () => {
    const installed = await file("installed.json", {
      installed: {
        ...google,
        client_id: "1-a.apps.googleusercontent.com",
        redirect_uris: ["http://localhost"],
      },
    });
    expect(await readGoogleClientFile(installed)).toEqual({
      kind: "installed",
      clientId: "1-a.apps.googleusercontent.com",
      clientSecret: "GOCSPX-secret",
    });
  });

  it("reads a Web application client and takes its 127.0.0.1 redirect (the one on --port if given)", async () => {
    const web = await file("web.json", {
      web: {
        ...google,
        client_id: "2-b.apps.googleusercontent.com",
        redirect_uris: [
          "https://app.example/callback",
          "http://127.0.0.1:8085/oauth2callback",
          "http://127.0.0.1:9000/cb",
        ],
      },
    });
    expect(await readGoogleClientFile(web)).toMatchObject({
      kind: "web",
      clientId: "2-b.apps.googleusercontent.com",
      port: 8085,
      callbackPath: "/oauth2callback",
    });
    expect(await readGoogleClientFile(web, 9000)).toMatchObject({
      port: 9000,
      callbackPath: "/cb",
    });
  });

  it("refuses what cannot sign in, saying what to fix (exit 2)", async () => {
    const cases: [string, unknown, RegExp][] = [
      ["not-json.json", "{", /is not JSON/],
      ["other.json", { type: "service_account", client_email: "x" }, /holds no OAuth client/],
      [
        "web-localhost.json",
        { web: { ...google, client_id: "3", redirect_uris: ["http://localhost:8085/cb"] } },
        /no redirect URI on http:\/\/127\.0\.0\.1 with a port/,
      ],
    ];
    for (const [name, content, message] of cases) {
      const error = await readGoogleClientFile(await file(name, content)).catch((e: unknown) => e);
      expect(error).toMatchObject({
        exitCode: EXIT_CODES.usage,
        message: expect.stringMatching(message),
      });
    }
    const missing = await readGoogleClientFile(path.join(dir, "nope.json")).catch(
      (e: unknown) => e,
    );
    expect(missing).toMatchObject({ message: expect.stringMatching(/cannot be read \(ENOENT\)/) });
  });
});
