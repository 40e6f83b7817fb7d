import { readFile } from "node:fs/promises";
import { usageError } from "../errors/cli-error.js";

/**
 * The OAuth client in a `client_secret_….json` file from the Google Cloud console, and where
 * its sign-in must come back to.
 *
 * @example
 * ```ts
 * const client: GoogleClientFile = { kind: "installed", clientId: "123.apps.googleusercontent.com", clientSecret: "…" };
 * ```
 */
export interface GoogleClientFile {
  /** `installed` (a "Desktop app" client: any loopback port) or `web` (exact redirect URIs). */
  kind: "installed" | "web";
  clientId: string;
  clientSecret?: string | undefined;
  /** For a web client: the port of its registered `http://127.0.0.1:<port>/<path>` redirect. */
  port?: number | undefined;
  /** For a web client: the path of that redirect. */
  callbackPath?: string | undefined;
}

/**
 * Reads the OAuth client JSON that Google's console downloads: `{"installed": {...}}` for a
 * "Desktop app" client, `{"web": {...}}` for a "Web application" client. A web client needs a
 * registered redirect URI on `http://127.0.0.1` with a port, since Google matches it exactly;
 * `port` picks one when several are registered.
 *
 * @throws a usage error (exit 2) naming what is missing or wrong.
 * @example
 * ```ts
 * const client = await readGoogleClientFile("client_secret.json");
 * ```
 */
export async function readGoogleClientFile(file: string, port?: number): Promise<GoogleClientFile> {
  let json: unknown;
  try {
    json = JSON.parse(await readFile(file, "utf8"));
  } catch (error) {
    const why = error instanceof SyntaxError ? "is not JSON" : "cannot be read";
    throw usageError(
      `--client-file ${file} ${why}${error instanceof SyntaxError ? "" : ` (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`}.`,
      'Download it from the Google Cloud console (APIs & Services > Credentials > your OAuth client > "Download JSON").',
    );
  }
  const record = (json ?? {}) as Record<string, unknown>;
  const kind = record["installed"] ? "installed" : record["web"] ? "web" : undefined;
  const client = (kind ? record[kind] : undefined) as Record<string, unknown> | undefined;
  const clientId = client?.["client_id"];
  if (!kind || typeof clientId !== "string" || clientId === "") {
    throw usageError(
      `--client-file ${file} holds no OAuth client: expected {"installed": {"client_id": …}} or {"web": {"client_id": …}}.`,
      'Download the JSON of an OAuth client of type "Desktop app" (or "Web application") from the Google Cloud console.',
    );
  }
  const secret = client?.["client_secret"];
  const clientSecret = typeof secret === "string" && secret !== "" ? secret : undefined;
  if (kind === "installed") return { kind, clientId, clientSecret };

  const uris = Array.isArray(client?.["redirect_uris"]) ? client["redirect_uris"] : [];
  const loopback = uris
    .filter((uri): uri is string => typeof uri === "string" && URL.canParse(uri))
    .map((uri) => new URL(uri))
    .filter((url) => url.protocol === "http:" && url.hostname === "127.0.0.1" && url.port)
    .find((url) => port === undefined || Number(url.port) === port);
  if (!loopback) {
    throw usageError(
      `The web client in ${file} has no redirect URI on http://127.0.0.1 with a port${port === undefined ? "" : ` ${port}`}; Google sends the sign-in back only to a registered one.`,
      'Add one such as http://127.0.0.1:8085/oauth2callback to the client\'s "Authorized redirect URIs" and download the JSON again, or use a "Desktop app" client (any port works).',
    );
  }
  return {
    kind,
    clientId,
    clientSecret,
    port: Number(loopback.port),
    callbackPath: loopback.pathname,
  };
}
