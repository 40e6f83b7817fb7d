// Runs in every runtime under test (Node, Deno, Bun, workerd, Chromium): web APIs only, and
// @dataportability/core as the runtime resolves or a bundler bundles it.
import { createPortabilityClient, exportArchive, PortabilityApiError } from "@dataportability/core";
import {
  createAuthorizationRequest,
  createRefreshingTokenProvider,
  exchangeAuthorizationCode,
  type OAuthClientOptions,
  type OAuthTokens,
  revokeToken,
} from "@dataportability/core/oauth";
import type { FlowReport, FlowStep, FlowStepName } from "./flow-report.js";

/** The resource the flow consents to, exports and downloads. */
const RESOURCE = "myactivity.search";
/** A resource outside the consent, to meet the API's typed refusal. */
const OTHER_RESOURCE = "myactivity.youtube";
const ZIP_SIGNATURE = [0x50, 0x4b, 0x03, 0x04];

function check(condition: unknown, message: string): asserts condition {
  if (!condition) throw new Error(message);
}

/**
 * Signs in, refreshes, exports and downloads against an emulator served over HTTP at
 * `emulatorUrl`, with the emulator's OAuth endpoints; returns what each step saw. Throws at the
 * first step that does not behave, naming it.
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
        resources: [RESOURCE],
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
        requested: [RESOURCE],
      });
      check(tokens.refreshToken, "the code exchange returned no refresh token");
      check(tokens.granted.includes(RESOURCE), `${RESOURCE} was not granted`);
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
