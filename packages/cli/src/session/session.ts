import {
  type AuthOption,
  createPortabilityClient,
  type PollArchiveOptions,
  type PortabilityClient,
  type Resource,
} from "@dataportability/core";
import { createRefreshingTokenProvider, type OAuthTokens } from "@dataportability/core/oauth";
import type { StoredCredentials, TokenStore } from "@dataportability/node";
import pkg from "../../package.json" with { type: "json" };
import { EMULATOR_POLL_MS, startEmbeddedEmulator } from "../emulator/embedded-emulator.js";
import { identifyingFetch } from "../emulator/emulator-identity.js";
import {
  EMULATOR_CLIENT_ID,
  emulatorEndpoints,
  emulatorSignIn,
} from "../emulator/emulator-sign-in.js";
import { CliError } from "../errors/cli-error.js";
import { EXIT_CODES } from "../errors/exit-codes.js";
import { formatDuration } from "../output/format.js";
import type { CliContext } from "../program/cli-context.js";
import { loginStores } from "./config-dir.js";
import { secretUrl } from "./secret-url.js";

/**
 * Resources the emulator consents to when a command names none.
 *
 * @example
 * ```ts
 * await emulatorSignIn(url, DEFAULT_EMULATOR_RESOURCES);
 * ```
 */
export const DEFAULT_EMULATOR_RESOURCES: readonly Resource[] = [
  "myactivity.youtube",
  "myactivity.search",
  "chrome.history",
];

/**
 * A ready client and where it points.
 *
 * @example
 * ```ts
 * const session = await openSession(ctx, { resources: ["myactivity.youtube"] });
 * await session.client.checkAccessType();
 * ```
 */
export interface Session {
  client: PortabilityClient;
  /** `google` (or any real API URL), a served `emulator`, or the `embedded` one. */
  kind: "google" | "emulator" | "embedded";
  /** For messages: "Google", "the embedded emulator", "the emulator at http://...". */
  label: string;
  /** Recorded in resume files: `google`, `emulator:<url>` or `embedded`. */
  backendId: string;
  /** Where the credentials came from, for messages. */
  source: string;
  /**
   * Poll settings suited to the server: sub-second for the embedded emulator or a server that
   * identifies itself as the emulator, Google's schedule for anything else.
   */
  pollOptions: Pick<PollArchiveOptions, "schedule">;
}

/**
 * What the command needs from the session.
 *
 * @example
 * ```ts
 * const options: OpenSessionOptions = { resources: ["myactivity.youtube"], existingJob: true };
 * ```
 */
export interface OpenSessionOptions {
  /** Resources an emulator login consents to; default {@link DEFAULT_EMULATOR_RESOURCES}. */
  resources?: readonly Resource[] | undefined;
  /** The command is about a job made by an earlier command: refused by the embedded emulator. */
  existingJob?: boolean | undefined;
}

const GOOGLE_API = "https://dataportability.googleapis.com";

/**
 * Resolves credentials and builds a client. First match wins:
 * 1. `--emulator`: the embedded emulator;
 * 2. `DATAPORTABILITY_EMULATOR_URL`: an emulator served by `dataportability emulator`
 *    (signed in there automatically, the login kept per emulator);
 * 3. `DATAPORTABILITY_ACCESS_TOKEN`;
 * 4. `DATAPORTABILITY_CLIENT_ID` + `DATAPORTABILITY_CLIENT_SECRET` + `DATAPORTABILITY_REFRESH_TOKEN`;
 * 5. the stored login of the profile (`dataportability login`);
 * 6. otherwise, when a person is at the terminal (stdin and stdout are terminals, no `--json`,
 *    no `--profile` naming a missing profile), the embedded emulator, said plainly on stderr;
 *    in scripts a "no credentials" error (exit 3) instead of synthetic data.
 *
 * @example
 * ```ts
 * const session = await openSession(ctx);
 * const state = await session.client.getArchiveState(jobId);
 * ```
 */
export async function openSession(
  ctx: CliContext,
  options: OpenSessionOptions = {},
): Promise<Session> {
  const env = ctx.env;
  const session = await resolve(ctx, options);
  ctx.explainContext.server = session.label;
  ctx.explainContext.embedded = session.kind === "embedded";
  if (env["DATAPORTABILITY_DEBUG"]) ctx.out.note(ctx.out.ce.dim(`credentials: ${session.source}`));
  return session;
}

async function resolve(ctx: CliContext, options: OpenSessionOptions): Promise<Session> {
  const env = ctx.env;
  if (ctx.globals.emulator) return embedded(ctx, options, "--emulator was given");
  const emulatorUrl = env["DATAPORTABILITY_EMULATOR_URL"];
  if (emulatorUrl) return servedEmulator(ctx, emulatorUrl, options);

  const apiUrl = secretUrl("DATAPORTABILITY_API_URL", env["DATAPORTABILITY_API_URL"] || GOOGLE_API);
  const label = apiUrl === GOOGLE_API ? "Google" : `the API at ${apiUrl}`;
  const google = (auth: AuthOption, source: string): Session => ({
    ...client(ctx, auth, apiUrl),
    kind: "google",
    label,
    backendId: apiUrl === GOOGLE_API ? "google" : `api:${apiUrl}`,
    source,
  });

  const accessToken = env["DATAPORTABILITY_ACCESS_TOKEN"];
  if (accessToken) {
    ctx.redactor.add(accessToken);
    ctx.explainContext.credentialsVariable = "DATAPORTABILITY_ACCESS_TOKEN";
    return google(accessToken, "DATAPORTABILITY_ACCESS_TOKEN");
  }
  const refreshToken = env["DATAPORTABILITY_REFRESH_TOKEN"];
  if (refreshToken) {
    const clientId = env["DATAPORTABILITY_CLIENT_ID"];
    const clientSecret = env["DATAPORTABILITY_CLIENT_SECRET"];
    if (!clientId) {
      throw new CliError(
        "DATAPORTABILITY_REFRESH_TOKEN is set but DATAPORTABILITY_CLIENT_ID is not.",
        {
          exitCode: EXIT_CODES.auth,
          hint: "A refresh token works only with the OAuth client it was issued to: set DATAPORTABILITY_CLIENT_ID and DATAPORTABILITY_CLIENT_SECRET too.",
        },
      );
    }
    ctx.redactor.add(refreshToken);
    ctx.redactor.add(clientSecret);
    ctx.explainContext.credentialsVariable = "DATAPORTABILITY_REFRESH_TOKEN";
    const provider = createRefreshingTokenProvider({
      clientId,
      ...(clientSecret ? { clientSecret } : {}),
      ...tokenEndpoint(ctx),
      tokens: { refreshToken },
      onRefresh: (tokens) => ctx.redactor.add(tokens.accessToken),
    });
    return google(provider, "DATAPORTABILITY_CLIENT_ID/_SECRET/_REFRESH_TOKEN");
  }

  const { tokens, clients } = await loginStores(ctx);
  const profile = ctx.globals.profile;
  const stored = await tokens.load(profile);
  if (stored) {
    const oauthClient = await clients.load(profile);
    const auth = storedAuth(
      ctx,
      tokens,
      profile,
      stored,
      {
        clientId: env["DATAPORTABILITY_CLIENT_ID"] || oauthClient?.clientId || stored.clientId,
        clientSecret: env["DATAPORTABILITY_CLIENT_SECRET"] || oauthClient?.clientSecret,
      },
      tokenEndpoint(ctx).endpoints,
    );
    return google(auth, `the stored login of profile "${profile}"`);
  }
  if (ctx.globals.profileNamed) {
    throw noCredentials(ctx, `No stored login for profile "${profile}".`);
  }
  if (!ctx.interactive || ctx.out.json) {
    throw noCredentials(
      ctx,
      "No credentials found: no stored login and no DATAPORTABILITY_* credentials in the environment.",
    );
  }
  return embedded(ctx, options, "no Google credentials were found");
}

/** Exit 3 instead of synthetic data: scripts must never mistake the emulator for Google. */
function noCredentials(ctx: CliContext, message: string): CliError {
  const profile = ctx.globals.profileNamed ? ` --profile ${ctx.globals.profile}` : "";
  return new CliError(message, {
    exitCode: EXIT_CODES.auth,
    code: "no-credentials",
    hint: `Sign in with \`dataportability${profile} login --resource <name>\`, or set DATAPORTABILITY_ACCESS_TOKEN (or DATAPORTABILITY_CLIENT_ID, _CLIENT_SECRET and _REFRESH_TOKEN). To use the emulator, pass --emulator or set DATAPORTABILITY_EMULATOR_URL.`,
  });
}

/** `DATAPORTABILITY_TOKEN_URL`, for a proxy or an emulator of Google's token endpoint. */
function tokenEndpoint(ctx: CliContext): {
  endpoints?: { token: string };
  allowInsecureRequests?: boolean;
} {
  const value = ctx.env["DATAPORTABILITY_TOKEN_URL"];
  if (!value) return {};
  const token = secretUrl("DATAPORTABILITY_TOKEN_URL", value);
  // Plain http passed the one rule above only on loopback.
  return { endpoints: { token }, allowInsecureRequests: new URL(token).protocol === "http:" };
}

function client(
  ctx: CliContext,
  auth: AuthOption,
  baseUrl: string,
): Pick<Session, "client" | "pollOptions"> {
  const polling = identifyingFetch();
  const portabilityClient = createPortabilityClient({
    auth,
    baseUrl,
    fetch: polling.fetch,
    // Commands check resource names themselves (parseResources): unknown ones reach the client
    // only with --allow-unknown-resource.
    unknownResources: "allow",
    userAgent: `dataportability-cli/${pkg.version}`,
    hooks: {
      onRetry: (event) => {
        const why =
          event.status === 429
            ? "rate limited (429)"
            : event.status
              ? `the server answered ${event.status}`
              : "the request failed";
        ctx.out.note(ctx.out.ce.dim(`${why}; retrying in ${formatDuration(event.delayMs)}`));
      },
    },
  });
  return { client: portabilityClient, pollOptions: { schedule: polling.schedule } };
}

/** A token provider over a stored login that refreshes (and saves) when it can. */
function storedAuth(
  ctx: CliContext,
  store: TokenStore,
  profile: string,
  stored: StoredCredentials,
  oauthClient: { clientId?: string | undefined; clientSecret?: string | undefined },
  endpoints?: { token: string },
): AuthOption {
  ctx.redactor.add(stored.accessToken);
  ctx.redactor.add(stored.refreshToken);
  ctx.redactor.add(oauthClient.clientSecret);
  if (!stored.refreshToken || !oauthClient.clientId) return stored.accessToken;
  return createRefreshingTokenProvider({
    clientId: oauthClient.clientId,
    ...(oauthClient.clientSecret ? { clientSecret: oauthClient.clientSecret } : {}),
    // Endpoints passed secretUrl (or are an emulator's on loopback) before they come here.
    ...(endpoints
      ? { endpoints, allowInsecureRequests: new URL(endpoints.token).protocol === "http:" }
      : {}),
    tokens: {
      refreshToken: stored.refreshToken,
      accessToken: stored.accessToken,
      ...(stored.expiresAt ? { expiresAt: stored.expiresAt } : {}),
    },
    onRefresh: async (fresh: OAuthTokens) => {
      ctx.redactor.add(fresh.accessToken);
      await store.save(
        profile,
        stored.with({
          accessToken: fresh.accessToken,
          expiresAt: fresh.expiresAt,
          scope: fresh.scope || stored.scope,
          ...(fresh.refreshToken ? { refreshToken: fresh.refreshToken } : {}),
        }),
      );
    },
  });
}

async function servedEmulator(
  ctx: CliContext,
  url: string,
  options: OpenSessionOptions,
): Promise<Session> {
  const base = secretUrl("DATAPORTABILITY_EMULATOR_URL", url).replace(/\/+$/, "");
  const { tokens } = await loginStores(ctx, base);
  const profile = ctx.globals.profile;
  let stored = await tokens.load(profile);
  const wanted = options.resources ?? [];
  const missing = stored
    ? wanted.filter((r) => !stored!.scopes.some((s) => s.endsWith(`.${r}`)))
    : wanted;
  if (!stored || (missing.length > 0 && !options.existingJob)) {
    const resources = wanted.length > 0 ? wanted : DEFAULT_EMULATOR_RESOURCES;
    const result = await emulatorSignIn(base, resources, ctx.signal);
    stored = await tokens.save(profile, result.credentials);
    ctx.out.note(
      `Signed in at the emulator ${base} (loopback OAuth, PKCE, scripted consent) for ${result.granted.join(", ")}.`,
    );
  }
  const auth = storedAuth(
    ctx,
    tokens,
    profile,
    stored,
    { clientId: EMULATOR_CLIENT_ID },
    emulatorEndpoints(base),
  );
  return {
    ...client(ctx, auth, base),
    kind: "emulator",
    label: `the emulator at ${base}`,
    backendId: `emulator:${base}`,
    source: "DATAPORTABILITY_EMULATOR_URL",
  };
}

async function embedded(
  ctx: CliContext,
  options: OpenSessionOptions,
  why: string,
): Promise<Session> {
  const { out } = ctx;
  if (options.existingJob) {
    throw new CliError(
      `This would run against the embedded emulator (${why}), which starts empty in every command, so it cannot know a job from an earlier one.`,
      {
        exitCode: EXIT_CODES.usage,
        code: "embedded-no-jobs",
        hint: "`dataportability export` runs the whole flow in one command. To keep emulator jobs between commands, run `dataportability emulator` in another terminal and set DATAPORTABILITY_EMULATOR_URL as it says; to use Google, run `dataportability login`.",
      },
    );
  }
  const server = await startEmbeddedEmulator();
  ctx.onClose(() => server.close());
  out.note(
    `${out.ce.yellow("Using the embedded emulator")} at ${server.url}, because ${why}: synthetic data, nothing leaves this machine. ${toGoogle(ctx)}`,
  );
  const resources = options.resources?.length ? options.resources : DEFAULT_EMULATOR_RESOURCES;
  const { credentials, granted } = await emulatorSignIn(server.url, resources, ctx.signal);
  ctx.redactor.add(credentials.accessToken);
  ctx.redactor.add(credentials.refreshToken);
  out.note(
    `Signed in at the embedded emulator with the loopback OAuth flow (PKCE, scripted consent): ${granted.join(", ")}.`,
  );
  return {
    client: client(ctx, credentials.accessToken, server.url).client,
    kind: "embedded",
    label: "the embedded emulator",
    backendId: "embedded",
    source: why,
    pollOptions: { schedule: () => EMULATOR_POLL_MS },
  };
}

/**
 * How to switch from the embedded emulator to Google, for messages.
 *
 * @example
 * ```ts
 * out.note(toGoogle(ctx)); // "Run `dataportability login` to use Google."
 * ```
 */
export function toGoogle(ctx: CliContext): string {
  return ctx.globals.emulator
    ? "Leave out --emulator (and run `dataportability login`) to use Google."
    : "Run `dataportability login` to use Google.";
}

/**
 * Removes the stored login the session used (after `reset` revoked it); false when the session
 * did not come from a stored login.
 *
 * @example
 * ```ts
 * await forgetLogin(ctx, session);
 * ```
 */
export async function forgetLogin(ctx: CliContext, session: Session): Promise<boolean> {
  if (session.kind === "embedded") return false;
  if (session.kind === "emulator") {
    return (await loginStores(ctx, session.backendId.slice("emulator:".length))).tokens.delete(
      ctx.globals.profile,
    );
  }
  if (!session.source.startsWith("the stored login")) return false;
  return deleteStoredLogin(ctx);
}

/**
 * Deletes the profile's stored Google login (tokens and OAuth client); true when there was one.
 *
 * @example
 * ```ts
 * await deleteStoredLogin(ctx);
 * ```
 */
export async function deleteStoredLogin(ctx: CliContext): Promise<boolean> {
  const emulatorUrl = ctx.env["DATAPORTABILITY_EMULATOR_URL"];
  const { tokens, clients } = await loginStores(ctx, emulatorUrl || undefined);
  const removed = await tokens.delete(ctx.globals.profile);
  const removedClient = await clients.delete(ctx.globals.profile);
  return removed || removedClient;
}
