import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { getResponse } from "msw";
import { createEmulator } from "../emulator/create-emulator.js";
import type { Emulator } from "../emulator/emulator.js";
import type { EmulatorOptions } from "../emulator/emulator-options.js";
import { chunkReader } from "./chunk-reader.js";
import { controlResponse } from "./emulator-control.js";

/**
 * Options of {@link createEmulatorServer}: emulator options plus where to listen.
 *
 * @example
 * ```ts
 * const options: EmulatorServerOptions = { port: 0, archiveBytes: 1024 ** 3, completeAfterPolls: 1 };
 * ```
 */
export interface EmulatorServerOptions
  extends Omit<EmulatorOptions, "apiUrl" | "storageUrl" | "oauthUrl" | "accountsUrl"> {
  /** Default 0: any free port. */
  readonly port?: number;
  /** Loopback only: `127.0.0.1` (default) or `::1`. */
  readonly host?: "127.0.0.1" | "::1";
  /** Serve the `/emulator/…` control routes (clock, faults, jobs, tokens). Default true. */
  readonly controlRoutes?: boolean;
}

/**
 * An emulator served over real HTTP on one loopback origin, each Google origin under its own path.
 *
 * @example
 * ```ts
 * const server: EmulatorServer = await createEmulatorServer();
 * console.log(server.url, server.storageUrl, server.tokenUrl);
 * await server.close();
 * ```
 */
export interface EmulatorServer {
  /** API base URL, e.g. `http://127.0.0.1:PORT` (requests go to `{url}/v1/…`). */
  readonly url: string;
  /** Signed URLs live here: `{url}/storage`. */
  readonly storageUrl: string;
  /** Token, revoke, tokeninfo: `{url}/oauth2`. */
  readonly oauthUrl: string;
  /** `{url}/accounts`. */
  readonly accountsUrl: string;
  /** `{url}/accounts/o/oauth2/v2/auth`. */
  readonly authorizeUrl: string;
  /** `{url}/oauth2/token`. */
  readonly tokenUrl: string;
  /** `{url}/oauth2/revoke`. */
  readonly revokeUrl: string;
  /** The port it listens on. */
  readonly port: number;
  /** The emulator behind it, to inspect and drive. */
  readonly emulator: Emulator;
  /** Stops listening and drops open connections. */
  close(): Promise<void>;
}

// API and OAuth bodies are tiny; refuse anything that could exhaust memory.
const MAX_BODY_BYTES = 1024 * 1024;

const CORS = {
  "access-control-allow-origin": "*",
  "access-control-allow-methods": "GET, HEAD, POST, OPTIONS",
  "access-control-allow-headers":
    "authorization, content-type, range, x-goog-api-client, x-goog-user-project",
  "access-control-expose-headers":
    "content-length, content-range, etag, retry-after, www-authenticate, x-goog-hash, x-goog-generation, x-goog-stored-content-length, x-goog-component-count",
  "access-control-max-age": "3600",
};

async function readBody(req: IncomingMessage): Promise<ArrayBuffer | undefined> {
  if (req.method === "GET" || req.method === "HEAD") return undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) throw new RangeError(`Request body over ${MAX_BODY_BYTES} bytes`);
    chunks.push(chunk as Buffer);
  }
  const all = Buffer.concat(chunks);
  return all.buffer.slice(all.byteOffset, all.byteOffset + all.length) as ArrayBuffer;
}

async function respond(
  emulator: Emulator,
  base: string,
  control: boolean,
  req: IncomingMessage,
  res: ServerResponse,
): Promise<void> {
  if (req.method === "OPTIONS") {
    res.writeHead(204, CORS).end();
    return;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(req.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(", ") : value);
  }
  const body = await readBody(req);
  const request = new Request(`${base}${req.url ?? "/"}`, {
    method: req.method ?? "GET",
    headers,
    ...(body ? { body } : {}),
  });
  const response =
    (control ? await controlResponse(emulator, request) : undefined) ??
    (await getResponse([...emulator.handlers], request)) ??
    new Response(
      `<!DOCTYPE html><title>Error 404 (Not Found)!!1</title><p><b>404.</b> The requested URL ${new URL(request.url).pathname} was not found on this server.`,
      {
        status: 404,
        headers: { "content-type": "text/html; charset=UTF-8" },
      },
    );
  const out: Record<string, string | string[]> = { ...CORS };
  response.headers.forEach((value, name) => {
    // Cloud Storage sends each x-goog-hash (crc32c=…, md5=…) on a line of its own; Headers
    // joins repeated names with ", ", so they are split again here.
    out[name] = name === "x-goog-hash" ? value.split(/,\s*/) : value;
  });
  res.writeHead(response.status, out);
  if (!response.body || req.method === "HEAD") {
    res.end();
    return;
  }
  const reader = chunkReader(response.body, Number(response.headers.get("content-length") ?? NaN));
  res.on("close", () => {
    if (!res.writableFinished) void reader.cancel().catch(() => undefined);
  });
  let flushed: Promise<void> = Promise.resolve();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let ok = true;
      flushed = new Promise<void>((resolve) => {
        ok = res.write(value, () => {
          reader.recycle(value);
          resolve();
        });
      });
      if (!ok) {
        await new Promise<void>((resolve) => {
          const done = () => {
            res.off("drain", done).off("close", done);
            resolve();
          };
          res.on("drain", done).on("close", done);
        });
      }
      if (res.destroyed) return;
    }
    res.end();
  } catch {
    // A failing body (the reset-mid-download fault) must break the connection for real: send
    // what was already written, then reset the socket instead of ending the response.
    await flushed;
    req.socket.resetAndDestroy();
  }
}

/**
 * Serves an emulator over HTTP on 127.0.0.1 for the CLI, examples and clients in any language.
 * The API is at `url`, storage at `url/storage`, OAuth at `url/oauth2` and the authorization
 * endpoint at `url/accounts/o/oauth2/v2/auth`.
 *
 * @example
 * ```ts
 * const server = await createEmulatorServer({ port: 0, completeAfterPolls: 1 });
 * const { accessToken } = server.emulator.issueToken({ resources: ["myactivity.youtube"] });
 * await fetch(`${server.url}/v1/accessType:check`, { method: "POST", headers: { authorization: `Bearer ${accessToken}` } });
 * await server.close();
 * ```
 */
export async function createEmulatorServer(
  options: EmulatorServerOptions = {},
): Promise<EmulatorServer> {
  const { port = 0, host = "127.0.0.1", controlRoutes = true, ...emulatorOptions } = options;
  if (host !== "127.0.0.1" && host !== "::1") {
    throw new TypeError(
      `createEmulatorServer: host must be a loopback address (127.0.0.1 or ::1), got ${String(host)}`,
    );
  }
  const server: Server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, host, () => resolve());
  });
  const actualPort = (server.address() as AddressInfo).port;
  const url = `http://${host === "::1" ? "[::1]" : host}:${actualPort}`;
  const emulator = createEmulator({
    ...emulatorOptions,
    apiUrl: url,
    storageUrl: `${url}/storage`,
    oauthUrl: `${url}/oauth2`,
    accountsUrl: `${url}/accounts`,
  });
  server.on("request", (req, res) => {
    respond(emulator, url, controlRoutes, req, res).catch((error: unknown) => {
      if (res.headersSent) {
        res.destroy();
        return;
      }
      const tooLarge = error instanceof RangeError;
      const code = tooLarge ? 413 : 500;
      res.writeHead(code, { "content-type": "application/json", ...CORS });
      res.end(
        JSON.stringify({
          error: {
            code,
            message: String(error),
            status: tooLarge ? "INVALID_ARGUMENT" : "INTERNAL",
          },
        }),
      );
    });
  });
  return {
    url,
    storageUrl: emulator.storageUrl,
    oauthUrl: emulator.oauthUrl,
    accountsUrl: emulator.accountsUrl,
    authorizeUrl: emulator.authorizeUrl,
    tokenUrl: emulator.tokenUrl,
    revokeUrl: emulator.revokeUrl,
    port: actualPort,
    emulator,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
