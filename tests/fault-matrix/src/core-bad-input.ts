import {
  createPortabilityClient,
  exportArchive,
  InvalidArgumentError,
  PortabilityApiError,
  PortabilityError,
  parseGrantedScopes,
  pollArchive,
  refreshArchiveUrls,
  resumeArchivePoller,
  scopeFor,
  scopesFor,
  waitForArchive,
} from "@dataportability/core";
import {
  createAuthorizationRequest,
  createRefreshingTokenProvider,
  exchangeAuthorizationCode,
  OAuthError,
  refreshAccessToken,
  revokeToken,
} from "@dataportability/core/oauth";
import { handlers } from "@dataportability/msw";
import { expect } from "vitest";
import type { BadInputContext } from "./bad-input-context.js";
import { type BadInputRow, type CallResult, typedError } from "./bad-input-row.js";

const HUGE = "x".repeat(1_000_000);
const RESOURCE = ["myactivity.youtube"] as const;
const badJob = (message = /bad job ID/) =>
  typedError(InvalidArgumentError, { field: "jobId", message });

/** The server's answer is turned into a typed error, or into a value the types allow. */
function typedOrAllowed(allowed: (value: unknown) => boolean) {
  return (result: CallResult) => {
    if ("error" in result) {
      expect(result.error).toBeInstanceOf(PortabilityError);
      return;
    }
    expect(allowed(result.value), `returned ${JSON.stringify(result.value)}`).toBe(true);
  };
}

const STATES = ["STATE_UNSPECIFIED", "IN_PROGRESS", "COMPLETE", "FAILED", "CANCELLED"];
const ACCESS_TYPES = ["ONE_TIME", "TIME_BASED", "UNSPECIFIED"];

/**
 * Malformed input for every public function of @dataportability/core (and /oauth): job IDs
 * that try to change the path, unknown resources, reversed or malformed times, huge inputs;
 * and malformed answers from the server (non-JSON, unknown enum values, unsafe values).
 *
 * @example
 * for (const row of CORE_BAD_INPUT) await settle(() => row.call(context));
 */
export const CORE_BAD_INPUT: BadInputRow<BadInputContext>[] = [
  {
    fn: "createPortabilityClient",
    input: "no auth",
    call: () => createPortabilityClient({} as never),
    check: typedError(InvalidArgumentError, { field: "auth", message: /auth: missing/ }),
  },
  {
    fn: "createPortabilityClient",
    input: "empty token",
    call: () => createPortabilityClient({ auth: "" }),
    check: typedError(InvalidArgumentError, { field: "auth", message: /auth/ }),
  },
  {
    fn: "createPortabilityClient",
    input: "baseUrl that is not a URL",
    call: () => createPortabilityClient({ auth: "t", baseUrl: "not a url" }),
    check: typedError(InvalidArgumentError, { field: "baseUrl", message: /baseUrl/ }),
  },
  {
    fn: "createPortabilityClient",
    input: "negative timeoutMs",
    call: () => createPortabilityClient({ auth: "t", timeoutMs: -1 }),
    check: typedError(InvalidArgumentError, { field: "timeoutMs", message: /timeoutMs/ }),
  },
  {
    fn: "client.initiateArchive",
    input: "no resources",
    call: ({ client }) => client.initiateArchive({ resources: [] }),
    check: typedError(InvalidArgumentError, { field: "resources", message: /empty/ }),
  },
  {
    fn: "client.initiateArchive",
    input: "misspelt resource",
    call: ({ client }) => client.initiateArchive({ resources: ["myactivity.youtub" as never] }),
    check: typedError(InvalidArgumentError, {
      field: "resources[0]",
      message: /unknown resource "myactivity\.youtub"; did you mean "myactivity\.youtube"/,
    }),
  },
  {
    fn: "client.initiateArchive",
    input: "resources as a string",
    call: ({ client }) => client.initiateArchive({ resources: "myactivity.youtube" as never }),
    check: typedError(InvalidArgumentError, { field: "resources", message: /not an array/ }),
  },
  {
    fn: "client.initiateArchive",
    input: "100 000 resources (duplicates)",
    call: ({ client }) =>
      client.initiateArchive({ resources: Array(100_000).fill("myactivity.youtube") }),
    check: typedError(InvalidArgumentError, { field: "resources[1]", message: /duplicate/ }),
  },
  {
    fn: "client.initiateArchive",
    input: "startTime after endTime",
    call: ({ client }) =>
      client.initiateArchive({
        resources: [...RESOURCE],
        startTime: "2026-02-01T00:00:00Z",
        endTime: "2026-01-01T00:00:00Z",
      }),
    check: typedError(InvalidArgumentError, { field: "startTime", message: /not before endTime/ }),
  },
  {
    fn: "client.initiateArchive",
    input: "time without a zone",
    call: ({ client }) =>
      client.initiateArchive({ resources: [...RESOURCE], startTime: "2026-01-01T00:00:00" }),
    check: typedError(InvalidArgumentError, { field: "startTime", message: /malformed time/ }),
  },
  {
    fn: "client.initiateArchive",
    input: "1 MB startTime",
    call: ({ client }) => client.initiateArchive({ resources: [...RESOURCE], startTime: HUGE }),
    check: typedError(InvalidArgumentError, { field: "startTime", message: /malformed time/ }),
  },
  ...(
    [
      ["path traversal", "../../v1/authorization:reset"],
      ["encoded slash", "abc%2F..%2Freset"],
      ["query string", "abc?alt=media"],
      ["fragment", "abc#x"],
      ["slash", "a/b"],
      ["leading dot", ".hidden"],
      ["empty", ""],
      ["not a string", 42],
    ] as const
  ).map(
    ([what, id]): BadInputRow<BadInputContext> => ({
      fn: "client.getArchiveState",
      input: `job ID: ${what}`,
      call: ({ client }) => client.getArchiveState(id as string),
      check: badJob(),
    }),
  ),
  {
    fn: "client.getArchiveState",
    input: "1 MB job ID",
    call: ({ client }) => client.getArchiveState(HUGE),
    check: badJob(),
  },
  {
    fn: "client.retryArchive",
    input: "job ID with a slash",
    call: ({ client }) => client.retryArchive("a/b"),
    check: badJob(),
  },
  {
    fn: "client.cancelArchive",
    input: "job ID with '..'",
    call: ({ client }) => client.cancelArchive(".."),
    check: badJob(),
  },
  {
    fn: "pollArchive",
    input: "job ID with a slash",
    call: ({ client }) => pollArchive(client, "../x"),
    check: badJob(),
  },
  {
    fn: "pollArchive",
    input: "negative maxWaitMs",
    call: async ({ client, jobId }) => {
      const poller = pollArchive(client, jobId, { maxWaitMs: -1 });
      return await poller;
    },
    check: typedError(InvalidArgumentError, { field: "maxWaitMs", message: /maxWaitMs/ }),
  },
  {
    fn: "waitForArchive",
    input: "job ID with a query",
    call: ({ client }) => waitForArchive(client, "x?y"),
    check: badJob(),
  },
  {
    fn: "refreshArchiveUrls",
    input: "job ID with a slash",
    call: ({ client }) => refreshArchiveUrls(client, "x/../y"),
    check: badJob(),
  },
  {
    fn: "exportArchive",
    input: "unknown resource",
    call: ({ client }) => exportArchive(client, { resources: ["nope" as never] }),
    check: typedError(InvalidArgumentError, {
      field: "resources[0]",
      message: /unknown resource/,
    }),
  },
  {
    fn: "exportArchive",
    input: "startTime after endTime",
    call: ({ client }) =>
      exportArchive(client, {
        resources: [...RESOURCE],
        startTime: new Date("2026-02-01T00:00:00Z"),
        endTime: new Date("2026-01-01T00:00:00Z"),
      }),
    check: typedError(InvalidArgumentError, { field: "startTime", message: /not before/ }),
  },
  {
    fn: "resumeArchivePoller",
    input: "not JSON",
    call: ({ client }) => resumeArchivePoller(client, "{not json"),
    check: typedError(InvalidArgumentError, {
      field: "serialized",
      message: /not JSON/,
    }),
  },
  {
    fn: "resumeArchivePoller",
    input: "serialized job ID with '..'",
    call: ({ client }) =>
      resumeArchivePoller(client, {
        version: 1,
        jobId: "../x",
        jobIds: ["../x"],
        retriesLeft: 0,
        lastState: undefined,
        checks: 0,
        startedAt: "2026-01-01T00:00:00Z",
        deadline: "2026-01-08T00:00:00Z",
        nextCheckAt: "2026-01-01T00:00:00Z",
      }),
    check: typedError(InvalidArgumentError, {
      field: "serialized.jobIds",
      message: /not a list of 1 to 4 job IDs/,
    }),
  },
  {
    fn: "scopeFor",
    input: "unknown resource",
    call: () => scopeFor("nope" as never),
    check: typedError(InvalidArgumentError, { message: /unknown resource "nope"/ }),
  },
  {
    fn: "scopesFor",
    input: "unknown resource",
    call: () => scopesFor(["myactivity.youtube", "nope" as never]),
    check: typedError(InvalidArgumentError, { message: /unknown resource "nope"/ }),
  },
  {
    fn: "parseGrantedScopes",
    input: "a number instead of scopes",
    call: () => parseGrantedScopes(123 as never),
    check: typedError(InvalidArgumentError, { message: /scope/ }),
  },
  {
    fn: "createAuthorizationRequest",
    input: "no resources",
    call: () =>
      createAuthorizationRequest({
        clientId: "c",
        redirectUri: "http://127.0.0.1:1/cb",
        resources: [],
      } as never),
    check: typedError(InvalidArgumentError, { field: "resources", message: /empty/ }),
  },
  {
    fn: "refreshAccessToken",
    input: "empty refresh token",
    call: () => refreshAccessToken({ clientId: "c", refreshToken: "" }),
    check: typedError(InvalidArgumentError, { field: "refreshToken", message: /missing/ }),
  },
  {
    fn: "exchangeAuthorizationCode",
    input: "redirect whose state differs from the one sent",
    call: () =>
      exchangeAuthorizationCode({
        clientId: "emulator-client",
        redirectUri: "http://127.0.0.1:1/cb",
        codeVerifier: "v".repeat(43),
        callbackUrl: "http://127.0.0.1:1/cb?code=stolen&state=forged",
        expectedState: "sent",
      }),
    check: typedError(OAuthError, { message: /state/ }),
  },
  {
    fn: "exchangeAuthorizationCode",
    input: "redirect saying access_denied",
    call: () =>
      exchangeAuthorizationCode({
        clientId: "emulator-client",
        redirectUri: "http://127.0.0.1:1/cb",
        codeVerifier: "v".repeat(43),
        callbackUrl: "http://127.0.0.1:1/cb?error=access_denied&state=sent",
        expectedState: "sent",
      }),
    check: typedError(OAuthError, { fields: { error: "access_denied" }, message: /access_denied/ }),
  },
  {
    fn: "revokeToken",
    input: "empty token",
    call: () => revokeToken({ clientId: "emulator-client", token: "" }),
    check: typedError(InvalidArgumentError, { field: "token", message: /token/ }),
  },
  {
    fn: "createRefreshingTokenProvider",
    input: "empty refresh token",
    call: () => createRefreshingTokenProvider({ clientId: "c", tokens: { refreshToken: "" } }),
    check: typedError(InvalidArgumentError, { message: /refreshToken/ }),
  },
  // Malformed answers: the input is the server's, so a request is expected.
  {
    fn: "client.getArchiveState",
    input: "server answers 200 with an HTML page",
    fromServer: true,
    call: ({ client, server, jobId }) => {
      server.use(
        handlers.getPortabilityArchiveState(
          () =>
            new Response("<html>Sign in to the Wi-Fi</html>", {
              headers: { "content-type": "text/html" },
            }),
          { once: true },
        ),
      );
      return client.getArchiveState(jobId);
    },
    check: typedError(PortabilityApiError, { message: /non-JSON|text\/html/ }),
  },
  {
    fn: "client.getArchiveState",
    input: "server answers 200 with truncated JSON",
    fromServer: true,
    call: ({ client, server, jobId }) => {
      server.use(
        handlers.getPortabilityArchiveState(
          () => new Response('{"state": ', { headers: { "content-type": "application/json" } }),
          { once: true },
        ),
      );
      return client.getArchiveState(jobId);
    },
    check: typedError(PortabilityApiError, { message: /JSON/ }),
  },
  {
    fn: "client.getArchiveState",
    input: "server answers 500 with an HTML page",
    fromServer: true,
    call: ({ client, server, jobId }) => {
      server.use(
        handlers.getPortabilityArchiveState(
          () =>
            new Response("<html><b>500.</b> That's an error.</html>", {
              status: 500,
              headers: { "content-type": "text/html" },
            }),
          { once: true },
        ),
      );
      return client.getArchiveState(jobId);
    },
    check: typedError(PortabilityApiError, {
      fields: { httpStatus: 500 },
      message: /^getArchiveState: 500 \w+: unexpected non-JSON response \(text\/html\)/,
    }),
  },
  {
    fn: "client.checkAccessType",
    input: "server answers 400 in plain text",
    fromServer: true,
    call: ({ client, server }) => {
      server.use(
        handlers.checkAccessType(
          () =>
            new Response("Bad Request", { status: 400, headers: { "content-type": "text/plain" } }),
          { once: true },
        ),
      );
      return client.checkAccessType();
    },
    check: typedError(PortabilityApiError, {
      fields: { httpStatus: 400 },
      message: /non-JSON response \(text\/plain\): "Bad Request"/,
    }),
  },
  {
    fn: "client.getArchiveState",
    input: "unknown state enum from the server",
    fromServer: true,
    call: ({ client, server, jobId }) => {
      server.use(
        handlers.getPortabilityArchiveState(
          () =>
            Response.json({
              name: `archiveJobs/${jobId}/portabilityArchiveState`,
              state: "EXPLODED",
              urls: [],
            }),
          { once: true },
        ),
      );
      return client.getArchiveState(jobId);
    },
    check: typedOrAllowed((value) => STATES.includes((value as { state: string }).state)),
  },
  {
    fn: "client.getArchiveState",
    input: "COMPLETE with a javascript: URL",
    fromServer: true,
    call: ({ client, server, jobId }) => {
      server.use(
        handlers.getPortabilityArchiveState(
          () =>
            Response.json({
              name: `archiveJobs/${jobId}/portabilityArchiveState`,
              state: "COMPLETE",
              urls: ["javascript:alert(document.cookie)"],
            }),
          { once: true },
        ),
      );
      return client.getArchiveState(jobId);
    },
    check: typedOrAllowed((value) =>
      (value as { urls: string[] }).urls.every((url) => url.startsWith("https://")),
    ),
  },
  {
    fn: "client.initiateArchive",
    input: "server answers without a job ID",
    fromServer: true,
    call: ({ client, server }) => {
      server.use(handlers.initiate(() => Response.json({}), { once: true }));
      return client.initiateArchive({ resources: [...RESOURCE] });
    },
    check: typedOrAllowed((value) =>
      /^[A-Za-z0-9]/.test((value as { archiveJobId: string }).archiveJobId),
    ),
  },
  {
    fn: "client.initiateArchive",
    input: "server answers with a job ID that changes paths",
    fromServer: true,
    call: ({ client, server }) => {
      server.use(
        handlers.initiate(
          () => Response.json({ archiveJobId: "../../x", accessType: "ACCESS_TYPE_ONE_TIME" }),
          { once: true },
        ),
      );
      return client.initiateArchive({ resources: [...RESOURCE] });
    },
    check: typedOrAllowed(
      (value) => !(value as { archiveJobId: string }).archiveJobId.includes("/"),
    ),
  },
  {
    fn: "client.initiateArchive",
    input: "unknown accessType enum from the server",
    fromServer: true,
    call: ({ client, server }) => {
      server.use(
        handlers.initiate(
          () => Response.json({ archiveJobId: "123", accessType: "ACCESS_TYPE_FOREVER" }),
          { once: true },
        ),
      );
      return client.initiateArchive({ resources: [...RESOURCE] });
    },
    check: typedOrAllowed((value) =>
      ACCESS_TYPES.includes((value as { accessType: string }).accessType),
    ),
  },
  {
    fn: "client.checkAccessType",
    input: "unknown resources and a non-list from the server",
    fromServer: true,
    call: ({ client, server }) => {
      server.use(
        handlers.checkAccessType(
          () => Response.json({ oneTimeResources: ["martian.data"], timeBasedResources: 5 }),
          { once: true },
        ),
      );
      return client.checkAccessType();
    },
    check: typedOrAllowed((value) => {
      const v = value as { oneTimeResources: unknown; timeBasedResources: unknown };
      return (
        Array.isArray(v.timeBasedResources) &&
        !(v.oneTimeResources as string[]).includes("martian.data")
      );
    }),
  },
];
