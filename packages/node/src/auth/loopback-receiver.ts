import { timingSafeEqual } from "node:crypto";
import http from "node:http";
import type { AddressInfo } from "node:net";
import { type Clock, InvalidArgumentError, systemClock } from "@dataportability/core";
import { LoopbackSignInError } from "./oauth-loopback-error.js";

/**
 * Options of {@link startLoopbackReceiver}.
 *
 * @example
 * ```ts
 * const options: LoopbackReceiverOptions = { state: "xyz", timeoutMs: 120_000 };
 * ```
 */
export interface LoopbackReceiverOptions {
  /**
   * The `state` sent in the authorization URL; the redirect must carry the same. At least
   * {@link MIN_STATE_LENGTH} characters of a random value (it is the CSRF protection).
   */
  state: string;
  /** Path of the redirect URI. Default `/oauth2callback`. */
  callbackPath?: string;
  /** Port on 127.0.0.1, an integer from 0 to 65535. Default 0 (an ephemeral port chosen by the system). */
  port?: number;
  /** Give up after this long. Default 300 000 ms (5 minutes). */
  timeoutMs?: number;
  /** Time source for the timeout. Default the system clock. */
  clock?: Clock;
  /** Stops waiting; the promise rejects with the signal's reason. */
  signal?: AbortSignal;
  /** The page shown in the browser once the code has arrived. */
  successHtml?: string;
}

/**
 * The redirect a {@link LoopbackReceiver} accepted.
 *
 * @example
 * ```ts
 * const { code, scope, params }: LoopbackRedirect = await receiver.result;
 * ```
 */
export interface LoopbackRedirect {
  /** The authorization code, to exchange for tokens. */
  code: string;
  /** The granted scopes, space-separated, when the redirect carried them. */
  scope: string | undefined;
  /** All query parameters of the redirect (`code`, `state`, `scope`, `iss`, ...). */
  params: URLSearchParams;
}

/**
 * A running loopback receiver.
 *
 * @example
 * ```ts
 * const receiver: LoopbackReceiver = await startLoopbackReceiver({ state });
 * console.log(receiver.redirectUri); // http://127.0.0.1:53121/oauth2callback
 * ```
 */
export interface LoopbackReceiver {
  /** The redirect URI to put in the authorization URL. */
  readonly redirectUri: string;
  /**
   * Resolves with the authorization code, the granted `scope` when sent, and every parameter of
   * the redirect; rejects with {@link LoopbackSignInError}.
   */
  readonly result: Promise<LoopbackRedirect>;
  /** Stops the server; idempotent. */
  close(): Promise<void>;
}

/**
 * The shortest `state` {@link startLoopbackReceiver} accepts: a guessable state would let any
 * page that can reach the loopback port complete someone else's sign-in (CSRF).
 *
 * @example
 * ```ts
 * const state = randomBytes(24).toString("base64url"); // 32 characters
 * if (state.length < MIN_STATE_LENGTH) throw new Error("state too short");
 * ```
 */
export const MIN_STATE_LENGTH = 16;

const PAGE = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title}</title></head><body><h1>${title}</h1><p>${body}</p></body></html>`;

/**
 * Starts an HTTP server on 127.0.0.1 (never another interface) that waits for the OAuth
 * redirect of a desktop or CLI sign-in, checks its `state` in constant time, and hands over
 * the code. The server answers exactly one redirect, then closes; other paths get 404.
 *
 * @param options - State to expect, path, port, timeout.
 * @returns The redirect URI and a promise of the code.
 * @throws InvalidArgumentError for a `state` shorter than {@link MIN_STATE_LENGTH}, a port
 *   outside 0–65535, a `callbackPath` not starting with `/` or a `timeoutMs` that is not a
 *   positive number, before anything listens.
 * @example
 * ```ts
 * const receiver = await startLoopbackReceiver({ state });
 * const url = buildAuthorizationUrl({ redirectUri: receiver.redirectUri, state, ... });
 * await openBrowser(url);
 * const { code } = await receiver.result;
 * ```
 */
export async function startLoopbackReceiver(
  options: LoopbackReceiverOptions,
): Promise<LoopbackReceiver> {
  validateReceiverOptions(options);
  const callbackPath = options.callbackPath ?? "/oauth2callback";
  const timeoutMs = options.timeoutMs ?? 300_000;
  const clock = options.clock ?? systemClock;
  const expected = Buffer.from(options.state);
  const stop = new AbortController();
  let settle!: { resolve: (v: LoopbackRedirect) => void; reject: (e: unknown) => void };
  const result = new Promise<LoopbackRedirect>((resolve, reject) => {
    settle = { resolve, reject };
  });
  result.catch(() => undefined);

  const server = http.createServer((request, response) => {
    const url = new URL(request.url ?? "/", "http://127.0.0.1");
    if (request.method !== "GET" || url.pathname !== callbackPath) {
      response.writeHead(404, { "content-type": "text/plain" }).end("Not found");
      return;
    }
    const outcome = readRedirect(url.searchParams, expected);
    const ok = !(outcome instanceof LoopbackSignInError);
    response
      .writeHead(ok ? 200 : 400, {
        "content-type": "text/html; charset=utf-8",
        "cache-control": "no-store",
        connection: "close",
      })
      .end(
        ok
          ? (options.successHtml ??
              PAGE("Signed in", "You can close this window and return to the app."))
          : PAGE("Sign-in failed", escapeHtml(outcome.message)),
      );
    if (ok) settle.resolve(outcome);
    else settle.reject(outcome);
    void close();
  });

  let closed: Promise<void> | undefined;
  const close = () => {
    closed ??= new Promise<void>((resolve) => {
      stop.abort();
      server.close(() => resolve());
      server.closeAllConnections();
    });
    return closed;
  };

  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(options.port ?? 0, "127.0.0.1", () => {
      server.off("error", reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;

  const waitSignal = options.signal ? AbortSignal.any([options.signal, stop.signal]) : stop.signal;
  clock.sleep(timeoutMs, waitSignal).then(
    () => {
      settle.reject(
        new LoopbackSignInError("timeout", `No sign-in redirect arrived within ${timeoutMs} ms`),
      );
      void close();
    },
    () => {
      if (options.signal?.aborted) {
        settle.reject(options.signal.reason);
        void close();
      }
    },
  );

  return { redirectUri: `http://127.0.0.1:${port}${callbackPath}`, result, close };
}

function validateReceiverOptions(options: LoopbackReceiverOptions): void {
  const { state, port, callbackPath, timeoutMs } = options;
  if (typeof state !== "string" || state.length < MIN_STATE_LENGTH) {
    throw new InvalidArgumentError(
      "state",
      typeof state === "string"
        ? `is ${state.length === 0 ? "empty" : `${state.length} characters long`}`
        : "missing",
      `a random string of at least ${MIN_STATE_LENGTH} characters, e.g. randomBytes(24).toString("base64url")`,
    );
  }
  if (port !== undefined && (!Number.isInteger(port) || port < 0 || port > 65_535)) {
    throw new InvalidArgumentError(
      "port",
      `${port} is not a TCP port`,
      "an integer from 0 to 65535 (0: a free port chosen by the system)",
    );
  }
  if (
    callbackPath !== undefined &&
    (typeof callbackPath !== "string" || !callbackPath.startsWith("/"))
  ) {
    throw new InvalidArgumentError(
      "callbackPath",
      `${JSON.stringify(callbackPath)} is not a path`,
      'a path starting with "/", e.g. "/oauth2callback"',
    );
  }
  if (
    timeoutMs !== undefined &&
    !(typeof timeoutMs === "number" && timeoutMs > 0 && Number.isFinite(timeoutMs))
  ) {
    throw new InvalidArgumentError(
      "timeoutMs",
      `${timeoutMs} is not a duration`,
      "a positive number of milliseconds",
    );
  }
}

function readRedirect(
  params: URLSearchParams,
  expected: Buffer,
): LoopbackRedirect | LoopbackSignInError {
  const state = Buffer.from(params.get("state") ?? "");
  if (state.length !== expected.length || !timingSafeEqual(state, expected)) {
    return new LoopbackSignInError("state_mismatch", "The sign-in redirect carried a wrong state");
  }
  const error = params.get("error");
  if (error) {
    const description = params.get("error_description");
    return new LoopbackSignInError(
      error === "access_denied" ? "access_denied" : "authorization_error",
      `Authorization failed: ${error}${description ? ` (${description})` : ""}`,
      error,
    );
  }
  const code = params.get("code");
  if (!code) return new LoopbackSignInError("missing_code", "The sign-in redirect carried no code");
  return { code, scope: params.get("scope") ?? undefined, params };
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
