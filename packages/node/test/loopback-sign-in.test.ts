import { mkdtemp, rm, stat } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { inspect } from "node:util";
import { createPortabilityClient, systemClock } from "@dataportability/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  createFileTokenStore,
  createStoredTokenProvider,
  LoopbackSignInError,
  type LoopbackSignInOptions,
  loopbackSignIn,
  SignInRequiredError,
} from "../src/index.js";
import { startEmulator, type TestEmulator } from "./support/emulator.js";

let emu: TestEmulator;
let dir: string;
let pages: Promise<Response>[];

beforeEach(async () => {
  emu = await startEmulator();
  dir = await mkdtemp(path.join(tmpdir(), "dp-login-"));
  pages = [];
});
afterEach(async () => {
  await emu.close();
  await rm(dir, { recursive: true, force: true });
});

/** Options that reach the emulator, with a "browser" that follows the consent redirect. */
function options(extra: Partial<LoopbackSignInOptions> = {}): LoopbackSignInOptions {
  return {
    clientId: "desktop-client",
    clientSecret: "desktop-secret",
    endpoints: {
      authorization: emu.server.authorizeUrl,
      token: emu.server.tokenUrl,
      revocation: emu.server.revokeUrl,
    },
    allowInsecureRequests: true,
    // Virtual "now" for token expiry; a real (never reached) timeout for the redirect.
    clock: { now: emu.clock.now, sleep: systemClock.sleep },
    resources: ["myactivity.youtube", "youtube.comments"],
    openBrowser: (url) => {
      pages.push(fetch(url));
    },
    print: () => undefined,
    ...extra,
  };
}

describe("loopbackSignIn against the emulator's OAuth endpoints", () => {
  it("signs in with PKCE S256 and state on 127.0.0.1, and the tokens never show", async () => {
    let consentUrl: URL | undefined;
    const printed: string[] = [];
    const result = await loopbackSignIn(
      options({
        openBrowser: (url) => {
          consentUrl = new URL(url);
          pages.push(fetch(url));
        },
        print: (line) => printed.push(line),
      }),
    );
    const params = consentUrl!.searchParams;
    expect(params.get("code_challenge_method")).toBe("S256");
    expect(params.get("code_challenge")).toMatch(/^[\w-]{43}$/);
    expect(params.get("state")?.length).toBeGreaterThanOrEqual(32);
    expect(params.get("access_type")).toBe("offline");
    expect(new URL(params.get("redirect_uri")!).hostname).toBe("127.0.0.1");
    expect(result.redirectUri).toBe(params.get("redirect_uri"));
    const page = await pages[0]!;
    expect(page.status).toBe(200);
    expect(page.url.startsWith(result.redirectUri)).toBe(true);

    expect(result.granted).toEqual(["myactivity.youtube", "youtube.comments"]);
    expect(result.missing).toEqual([]);
    const { credentials } = result;
    expect(credentials.accessToken).toBeTruthy();
    expect(credentials.refreshToken).toBeTruthy();
    expect(credentials.clientId).toBe("desktop-client");
    const shown = [JSON.stringify(result), inspect(result, { depth: 5 }), ...printed].join("\n");
    expect(shown).not.toContain(credentials.accessToken);
    expect(shown).not.toContain(credentials.refreshToken!);
    expect(printed).toEqual([]);
  });

  it("reports partial consent", async () => {
    emu.server.emulator.setConsent({ grant: ["myactivity.youtube"] });
    const result = await loopbackSignIn(options());
    expect(result.granted).toEqual(["myactivity.youtube"]);
    expect(result.missing).toEqual(["youtube.comments"]);
  });

  it("fails with access_denied when consent is refused", async () => {
    emu.server.emulator.setConsent({ grant: "deny" });
    const error = await loopbackSignIn(options()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoopbackSignInError);
    expect(error).toMatchObject({ reason: "access_denied" });
    expect((await pages[0]!).status).toBe(400);
  });

  it("prints the URL when no browser may be opened, or when opening fails", async () => {
    for (const openBrowser of [false, () => Promise.reject(new Error("no display"))] as const) {
      const printed: string[] = [];
      const result = await loopbackSignIn(
        options({
          openBrowser,
          print: (line) => {
            printed.push(line);
            pages.push(fetch(line.split("\n")[1]!));
          },
        }),
      );
      expect(printed).toHaveLength(1);
      expect(printed[0]).toMatch(
        /^Open this URL in a browser to sign in:\nhttp:\/\/127\.0\.0\.1:\d+\/accounts\//,
      );
      expect(result.granted).toHaveLength(2);
    }
  });

  it("times out when no redirect arrives, and frees the port", async () => {
    let wake: () => void = () => undefined;
    const clock = {
      now: () => emu.clock.now(),
      sleep: () => new Promise<void>((resolve) => (wake = resolve)),
    };
    let redirectUri = "";
    const signIn = loopbackSignIn(
      options({
        clock,
        timeoutMs: 120_000,
        openBrowser: (url) => {
          redirectUri = new URL(url).searchParams.get("redirect_uri")!;
          wake();
        },
      }),
    );
    await expect(signIn).rejects.toMatchObject({ reason: "timeout" });
    await expect(fetch(redirectUri)).rejects.toThrow();
  });
});

describe("token store + stored token provider", () => {
  it("saves a sign-in with mode 0600, then refreshes expired tokens through the store", async () => {
    const store = createFileTokenStore({ dir });
    const { credentials } = await loopbackSignIn(options());
    await store.save("default", credentials);
    expect((await stat(store.fileFor("default"))).mode & 0o777).toBe(0o600);

    const provider = createStoredTokenProvider({
      store,
      profile: "default",
      clientId: "desktop-client",
      clientSecret: "desktop-secret",
      endpoints: { token: emu.server.tokenUrl },
      allowInsecureRequests: true,
      clock: emu.clock,
    });
    const client = createPortabilityClient({
      auth: provider,
      baseUrl: emu.server.url,
      clock: emu.clock,
    });
    await client.checkAccessType();
    expect(await provider.getAccessToken()).toBe(credentials.accessToken);

    emu.virtual.advance(2 * 3_600_000); // the access token is now expired
    await client.checkAccessType();
    const saved = await store.load("default");
    expect(saved?.accessToken).not.toBe(credentials.accessToken);
    expect(saved?.refreshToken).toBe(credentials.refreshToken);
    expect(saved!.expiresAt!.getTime()).toBeGreaterThan(emu.virtual.nowMs());
  });

  it("asks for a new sign-in when nothing is stored", async () => {
    const provider = createStoredTokenProvider({
      store: createFileTokenStore({ dir }),
      profile: "nobody",
      clientId: "desktop-client",
    });
    await expect(provider.getAccessToken()).rejects.toBeInstanceOf(SignInRequiredError);
  });
});
