// Runs in every runtime under test (Node, Deno, Bun, workerd, Chromium): web APIs only, and
// @dataportability/core as the runtime resolves or a bundler bundles it.
import {
  checkArchive,
  createPortabilityClient,
  exportArchive,
  PortabilityApiError,
  startExport,
} from "@dataportability/core";
import {
  createAuthorizationRequest,
  createRefreshingTokenProvider,
  exchangeAuthorizationCode,
  type OAuthClientOptions,
  type OAuthTokens,
  revokeToken,
} from "@dataportability/core/oauth";
import type { FlowReport, FlowStep, FlowStepName } from "./flow-report.js";

/** The resource the flow exports in one call, and downloads. */
const RESOURCE = "myactivity.search";
/** The resource the flow exports round by round, as a server with no waiting process does. */
const STEPPED_RESOURCE = "chrome.history";
/** A resource outside the consent, to meet the API's typed refusal. */
const OTHER_RESOURCE = "myactivity.youtube";
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/**
 * Signs in, refreshes, exports (in one call, then round by round), downloads and revokes
 * against an emulator served over HTTP at `emulatorUrl`, with the emulator's OAuth endpoints;
 * returns what each step saw. Throws at the first step that does not behave, naming it.
 *
 * @example
 * ```ts
 * const report = await runCoreFlow("http://127.0.0.1:8080");
 * console.log(report.steps.map((step) => step.name));
 * ```
 */
export async function runCoreFlow(emulatorUrl: string): Promise<FlowReport> {
  const steps: FlowStep[] = [];
  let current = "start";
  const step = async <T>(name: FlowStepName, run: () => Promise<[T, string]>) => {
    current = name;
    const [value, detail] = await run();
    steps.push({ name, detail });
    return value;
  };
  const oauth: OAuthClientOptions = {
    clientId: "runtime-tests.apps.googleusercontent.com",
    clientSecret: "runtime-tests-secret",
    endpoints: {
      authorization: `${emulatorUrl}/accounts/o/oauth2/v2/auth`,
      token: `${emulatorUrl}/oauth2/token`,
      revocation: `${emulatorUrl}/oauth2/revoke`,
    },
    allowInsecureRequests: true,
  };
  const redirectUri = `${emulatorUrl}/callback`;

  try {
    const request = await step("authorization-url", async () => {
      const request = await createAuthorizationRequest({
        ...oauth,
        redirectUri,
        resources: [RESOURCE, STEPPED_RESOURCE],
      });
      check(
        request.url.searchParams.get("code_challenge_method") === "S256",
        "the authorization URL carries no S256 PKCE challenge",
      );
      return [request, `PKCE S256, state of ${request.state.length} characters`];
    });

    // The emulator consents at once and redirects to the callback; fetch follows the redirect,
    // so the final URL is the callback that carries the code.
    const callbackUrl = await step("consent-redirect", async () => {
      const response = await fetch(request.url);
      await response.body?.cancel();
      const callback = new URL(response.url);
      check(callback.searchParams.has("code"), `no code in the callback (${callback.pathname})`);
      return [callback, "the emulator redirected with a code"];
    });

    const exchanged = await step("code-exchange", async () => {
      const tokens = await exchangeAuthorizationCode({
        ...oauth,
        redirectUri,
        callbackUrl,
        expectedState: request.state,
        codeVerifier: request.codeVerifier,
        requested: [RESOURCE, STEPPED_RESOURCE],
      });
      check(tokens.refreshToken, "the code exchange returned no refresh token");
      check(tokens.missing.length === 0, `not granted: ${tokens.missing.join(", ")}`);
      return [tokens, `granted ${tokens.granted.join(", ")}, refresh token kept`];
    });

    const refreshed: OAuthTokens[] = [];
    const client = await step("token-refresh", async () => {
      const auth = createRefreshingTokenProvider({
        ...oauth,
        tokens: { refreshToken: exchanged.refreshToken! },
        onRefresh: (tokens) => {
          refreshed.push(tokens);
        },
      });
      const client = createPortabilityClient({ auth, baseUrl: emulatorUrl });
      const access = await client.checkAccessType();
      check(refreshed.length === 1, `expected one refresh, saw ${refreshed.length}`);
      check(
        refreshed[0]!.accessToken !== exchanged.accessToken,
        "the refresh returned the old access token",
      );
      check(access.oneTimeResources.includes(RESOURCE), `${RESOURCE} is not a one-time resource`);
      return [client, "a fresh access token authorized accessType.check"];
    });

    await step("typed-error", async () => {
      const error = await client.initiateArchive({ resources: [OTHER_RESOURCE] }).then(
        () => undefined,
        (error: unknown) => error,
      );
      check(
        error instanceof PortabilityApiError && error.httpStatus === 403,
        `initiate outside the consent did not throw a 403 PortabilityApiError: ${String(error)}`,
      );
      return [undefined, `PortabilityApiError ${error.httpStatus} ${error.code}`];
    });

    const archive = await step("export", async () => {
      const archive = await exportArchive(client, { resources: [RESOURCE], schedule: () => 0 });
      check(archive.urls.length > 0, "the export completed without URLs");
      return [archive, `job COMPLETE with ${archive.urls.length} signed URL(s)`];
    });

    await step("export-rounds", async () => {
      // Stored as text between rounds, as a database row or a queue message holds it.
      let saved = JSON.stringify(await startExport(client, { resources: [STEPPED_RESOURCE] }));
      const dueAt = (text: string) => Date.parse(JSON.parse(text).nextCheckAt);
      const early = await checkArchive(client, saved, { now: dueAt(saved) - 1 });
      check(
        !early.done && early.state === undefined,
        "a round before the check was due read the state",
      );
      const states: string[] = [];
      for (let round = 1; round <= 5; round++) {
        const result = await checkArchive(client, saved, { now: dueAt(saved) });
        states.push(result.state?.state ?? "no answer");
        saved = JSON.stringify(result.saved);
        if (result.done) {
          check(result.state.urls.length > 0, "the COMPLETE round carried no URLs");
          return [undefined, `startExport, then checkArchive rounds saw ${states.join(", ")}`];
        }
      }
      throw new Error(`not COMPLETE after 5 rounds: ${states.join(", ")}`);
    });

    await step("archive-download", async () => {
      const response = await fetch(archive.urls[0]!);
      check(response.ok, `the signed URL answered ${response.status}`);
      const bytes = new Uint8Array(await response.arrayBuffer());
      check(
        ZIP_SIGNATURE.every((byte, i) => bytes[i] === byte),
        "the archive does not start like a zip",
      );
      check(
        bytes.length === Number(response.headers.get("content-length")),
        "the archive is shorter than its Content-Length",
      );
      return [undefined, `${bytes.length} bytes of zip`];
    });

    await step("revoke", async () => {
      await revokeToken({ ...oauth, token: exchanged.refreshToken! });
      const error = await createPortabilityClient({
        auth: refreshed[0]!.accessToken,
        baseUrl: emulatorUrl,
        retry: false,
      })
        .checkAccessType()
        .then(
          () => undefined,
          (error: unknown) => error,
        );
      check(
        error instanceof PortabilityApiError && error.httpStatus === 401,
        `a call after revoking did not fail with 401: ${String(error)}`,
      );
      return [undefined, "the revoked consent's access token is refused (401)"];
    });
  } catch (error) {
    throw new Error(
      `step ${current} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`,
    );
  }
  return { userAgent: globalThis.navigator?.userAgent ?? "", steps };
}
