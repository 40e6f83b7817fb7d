import { createPortabilityClient, type Resource, scopesFor } from "@dataportability/core";
import type { Command } from "commander";
import { startEmbeddedEmulator } from "../emulator/embedded-emulator.js";
import { emulatorSignIn } from "../emulator/emulator-sign-in.js";
import { CliError } from "../errors/cli-error.js";
import { EXIT_CODES } from "../errors/exit-codes.js";
import type { CliContext } from "../program/cli-context.js";
import { examples } from "../program/help-text.js";
import { parseResources } from "../program/parse-input.js";
import { loginStores } from "../session/config-dir.js";
import { readGoogleClientFile } from "../session/google-client-file.js";
import { secretUrl } from "../session/secret-url.js";
import { DEFAULT_EMULATOR_RESOURCES } from "../session/session.js";

interface LoginOptions {
  resource?: string[];
  token?: string;
  clientId?: string;
  clientSecret?: string;
  clientFile?: string;
  browser: boolean;
  port?: string;
  json?: boolean;
}

/**
 * Adds `login`: the loopback OAuth flow (PKCE, 127.0.0.1 redirect) with Google or an emulator,
 * or `--token` to store a token you already have. Logins are stored per profile, mode 0600.
 *
 * @example
 * ```ts
 * registerLogin(program, ctx); // dataportability login --resource myactivity.youtube
 * ```
 */
export function registerLogin(program: Command, ctx: CliContext): void {
  program
    .command("login")
    .summary("sign in with Google (loopback OAuth) or store a token")
    .description(
      "Sign in and consent to export resources (opens a browser), or store a token you have",
    )
    .option(
      "-r, --resource <name...>",
      "resources to consent to (repeat, or comma-separate; group.* for a group)",
    )
    .option(
      "--token <token>",
      "store this access token instead of signing in (tip: DATAPORTABILITY_ACCESS_TOKEN keeps it out of shell history)",
    )
    .option("--client-id <id>", "your OAuth client ID (default DATAPORTABILITY_CLIENT_ID)")
    .option("--client-secret <secret>", "its secret (default DATAPORTABILITY_CLIENT_SECRET)")
    .option(
      "--client-file <path>",
      "the OAuth client JSON Google's console downloads (client_secret_….json; Desktop app or Web application)",
    )
    .option("--no-browser", "print the consent URL instead of opening a browser")
    .option("--port <port>", "port of the 127.0.0.1 redirect (default: any free port)")
    .option("--json", "print { ok, granted, missing, stored } as JSON")
    .addHelpText(
      "after",
      `${examples([
        [
          "dataportability login -r myactivity.youtube -r youtube.comments",
          "consent to two groups",
        ],
        ["dataportability login -r 'myactivity.*' --no-browser", "over SSH: open the URL yourself"],
        ["dataportability --profile work login -r chrome.history", "a second account"],
        [
          "dataportability login -r myactivity.youtube --client-file client_secret.json",
          "your client",
        ],
        ['dataportability login --token "$TOKEN"', "a token from elsewhere (no refresh)"],
        ["dataportability login --emulator", "try the flow against the embedded emulator"],
      ])}

Signing in with Google needs an OAuth client of type "Desktop app" from a Google Cloud project
with the Data Portability API enabled: pass --client-file with the JSON the console downloads,
or --client-id/--client-secret, or set DATAPORTABILITY_CLIENT_ID/DATAPORTABILITY_CLIENT_SECRET.
A "Web application" client works too when http://127.0.0.1:<port>/<path> is one of its
authorized redirect URIs. Google asks for consent per resource
group; you may grant only some, and the command says which are missing. The login (with a
refresh token, so long exports outlive the access token) is stored in the config folder with
mode 0600 and is never printed.`,
    )
    .action(async (options: LoginOptions) => {
      if (ctx.globals.emulator) return loginEmbedded(ctx, options);
      const emulatorUrl = ctx.env["DATAPORTABILITY_EMULATOR_URL"];
      if (emulatorUrl) {
        const url = secretUrl("DATAPORTABILITY_EMULATOR_URL", emulatorUrl).replace(/\/+$/, "");
        return loginServedEmulator(ctx, url, options);
      }
      if (options.token) return loginWithToken(ctx, options.token);
      return loginGoogle(ctx, options);
    });
}

async function loginGoogle(ctx: CliContext, options: LoginOptions): Promise<void> {
  const { out } = ctx;
  const { tokens, clients } = await loginStores(ctx);
  const profile = ctx.globals.profile;
  tokens.fileFor(profile);
  const saved = await clients.load(profile);
  const port = options.port ? parsePort(options.port) : undefined;
  const file = options.clientFile
    ? await readGoogleClientFile(ctx.resolvePath(options.clientFile), port)
    : undefined;
  const clientId =
    options.clientId || file?.clientId || ctx.env["DATAPORTABILITY_CLIENT_ID"] || saved?.clientId;
  const clientSecret =
    options.clientSecret ||
    file?.clientSecret ||
    ctx.env["DATAPORTABILITY_CLIENT_SECRET"] ||
    saved?.clientSecret;
  if (!clientId) {
    throw new CliError("Signing in with Google needs an OAuth client ID.", {
      exitCode: EXIT_CODES.auth,
      code: "auth",
      hint: 'Create an OAuth client of type "Desktop app" in a Google Cloud project with the Data Portability API enabled, then pass --client-file with the JSON the console downloads (or --client-id/--client-secret, or set DATAPORTABILITY_CLIENT_ID/DATAPORTABILITY_CLIENT_SECRET). To try everything without Google: `dataportability --emulator export --resource myactivity.youtube`.',
    });
  }
  ctx.redactor.add(clientSecret);
  const resources = parseResources(options.resource);
  out.note(`Signing in with Google for ${resources.join(", ")}…`);
  const { loopbackSignIn } = await import("@dataportability/node");
  const result = await loopbackSignIn({
    clientId,
    ...(clientSecret ? { clientSecret } : {}),
    resources,
    ...(options.browser ? {} : { openBrowser: false as const }),
    print: (line) => out.note(line),
    ...(file?.port !== undefined ? { port: file.port } : port !== undefined ? { port } : {}),
    ...(file?.callbackPath ? { callbackPath: file.callbackPath } : {}),
    signal: ctx.signal,
  });
  ctx.redactor.add(result.credentials.accessToken);
  ctx.redactor.add(result.credentials.refreshToken);
  await tokens.save(profile, result.credentials);
  await clients.save(profile, { clientId, clientSecret });
  report(
    ctx,
    "Google",
    result.granted,
    result.missing,
    tokens.fileFor(profile),
    !!result.credentials.refreshToken,
  );
}

async function loginWithToken(ctx: CliContext, token: string): Promise<void> {
  ctx.redactor.add(token);
  const apiUrl = secretUrl(
    "DATAPORTABILITY_API_URL",
    ctx.env["DATAPORTABILITY_API_URL"] || "https://dataportability.googleapis.com",
  );
  ctx.explainContext.server = apiUrl.includes("googleapis.com") ? "Google" : `the API at ${apiUrl}`;
  const client = createPortabilityClient({ auth: token, baseUrl: apiUrl });
  const access = await client.checkAccessType({ signal: ctx.signal });
  const granted = [...access.oneTimeResources, ...access.timeBasedResources];
  const { tokens, clients } = await loginStores(ctx);
  const profile = ctx.globals.profile;
  const { StoredCredentials } = await import("@dataportability/node");
  await tokens.save(
    profile,
    new StoredCredentials({
      accessToken: token,
      // Google's own list: groups newer than this version keep their scope too.
      scope: scopesFor(granted, { unknownResources: "allow" }).join(" "),
      tokenType: "Bearer",
    }),
  );
  await clients.delete(profile);
  report(ctx, ctx.explainContext.server, granted, [], tokens.fileFor(profile), false);
}

async function loginServedEmulator(
  ctx: CliContext,
  url: string,
  options: LoginOptions,
): Promise<void> {
  const resources = options.resource?.length
    ? parseResources(options.resource)
    : [...DEFAULT_EMULATOR_RESOURCES];
  const result = await emulatorSignIn(url, resources, ctx.signal);
  ctx.redactor.add(result.credentials.accessToken);
  ctx.redactor.add(result.credentials.refreshToken);
  const { tokens } = await loginStores(ctx, url);
  await tokens.save(ctx.globals.profile, result.credentials);
  report(
    ctx,
    `the emulator at ${url}`,
    result.granted,
    result.missing,
    tokens.fileFor(ctx.globals.profile),
    true,
  );
}

async function loginEmbedded(ctx: CliContext, options: LoginOptions): Promise<void> {
  const resources = options.resource?.length
    ? parseResources(options.resource)
    : [...DEFAULT_EMULATOR_RESOURCES];
  const server = await startEmbeddedEmulator();
  ctx.onClose(() => server.close());
  ctx.out.note(
    `Using the embedded emulator at ${server.url} (--emulator): synthetic data, nothing leaves this machine.`,
  );
  const result = await emulatorSignIn(server.url, resources, ctx.signal);
  ctx.redactor.add(result.credentials.accessToken);
  ctx.redactor.add(result.credentials.refreshToken);
  report(ctx, "the embedded emulator", result.granted, result.missing, undefined, true);
  ctx.out.result(
    ctx.out.c.dim(
      "Nothing was stored: the embedded emulator ends with this command. `dataportability emulator` serves one that lasts.",
    ),
  );
}

function report(
  ctx: CliContext,
  server: string,
  granted: readonly Resource[],
  missing: readonly Resource[],
  file: string | undefined,
  refreshable: boolean,
): void {
  const { out } = ctx;
  out.data({
    ok: true,
    server,
    profile: ctx.globals.profile,
    granted,
    missing,
    stored: file,
    refreshable,
  });
  out.result(`${out.c.green("✓")} Signed in to ${server} (profile "${ctx.globals.profile}").`);
  out.result(`  granted   ${granted.length ? granted.join(", ") : "nothing"}`);
  if (missing.length) {
    out.result(`  ${out.c.yellow("missing")}   ${missing.join(", ")}`);
    out.warn(
      `Consent was not given for ${missing.join(", ")}; exporting them fails with 403 until you run \`dataportability login\` again and grant them.`,
    );
  }
  if (file) out.result(`  stored    ${file} (mode 0600)`);
  if (!refreshable) {
    out.result(
      out.c.dim(
        "  This token cannot be refreshed: run `dataportability login` again when it expires (about an hour).",
      ),
    );
  }
  out.result(out.c.dim(`Next: dataportability export --resource ${granted[0] ?? "<name>"}`));
}

function parsePort(value: string): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 1 || port > 65_535) {
    throw new CliError(`--port "${value}" is not a port number.`, {
      exitCode: EXIT_CODES.usage,
      hint: "Use 1024-65535, or leave it out for any free port.",
    });
  }
  return port;
}
