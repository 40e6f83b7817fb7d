import type { Resource } from "@dataportability/core";
import type { LoopbackSignInResult } from "@dataportability/node";

/**
 * The OAuth client ID the command uses at an emulator (any ID is accepted there).
 *
 * @example
 * ```ts
 * loopbackSignIn({ clientId: EMULATOR_CLIENT_ID, resources, endpoints });
 * ```
 */
export const EMULATOR_CLIENT_ID = "dataportability-cli";

/**
 * The OAuth endpoints of an emulator served at `url` (`createEmulatorServer` layout).
 *
 * @example
 * ```ts
 * emulatorEndpoints("http://127.0.0.1:8080").token; // "http://127.0.0.1:8080/oauth2/token"
 * ```
 */
export function emulatorEndpoints(url: string) {
  const base = url.replace(/\/+$/, "");
  return {
    authorization: `${base}/accounts/o/oauth2/v2/auth`,
    token: `${base}/oauth2/token`,
    revocation: `${base}/oauth2/revoke`,
  };
}

/**
 * Plays the user at the emulator's consent page the way a browser would: loads the
 * authorization URL, and follows its redirect to the loopback receiver (only to 127.0.0.1).
 * What the "user" grants is the emulator's consent script.
 *
 * @example
 * ```ts
 * await loopbackSignIn({ ...options, openBrowser: scriptedConsent });
 * ```
 */
export async function scriptedConsent(url: string): Promise<void> {
  const page = await fetch(url, { redirect: "manual" });
  const location = page.headers.get("location");
  await page.body?.cancel();
  if (page.status < 300 || page.status > 399 || !location) {
    throw new Error(`the emulator's consent page answered ${page.status} without a redirect`);
  }
  const target = new URL(location, url);
  if (target.hostname !== "127.0.0.1" || target.protocol !== "http:") {
    throw new Error("the emulator redirected away from the loopback address");
  }
  const back = await fetch(target);
  await back.body?.cancel();
}

/**
 * Signs in at an emulator with the real loopback flow (state, PKCE S256, code exchange), the
 * consent given by {@link scriptedConsent}.
 *
 * @example
 * ```ts
 * const { credentials, granted } = await emulatorSignIn(server.url, ["myactivity.youtube"], signal);
 * ```
 */
export async function emulatorSignIn(
  url: string,
  resources: readonly Resource[],
  signal?: AbortSignal,
): Promise<LoopbackSignInResult> {
  const { loopbackSignIn } = await import("@dataportability/node");
  return loopbackSignIn({
    clientId: EMULATOR_CLIENT_ID,
    endpoints: emulatorEndpoints(url),
    allowInsecureRequests: true,
    resources,
    openBrowser: scriptedConsent,
    print: () => undefined,
    timeoutMs: 15_000,
    ...(signal ? { signal } : {}),
  });
}
