import { tokenSource } from "./auth.js";
import type { Clock } from "./clock.js";
import type { PortabilityClientOptions } from "./create-portability-client.js";
import { parseApiError } from "./parse-api-error.js";
import type { PortabilityApiError } from "./portability-api-error.js";
import { retryPolicy } from "./retry-policy.js";
import { nonNegative } from "./validation.js";

/**
 * What a hook learns about one HTTP try. Never holds headers or tokens.
 *
 * @example
 * ```ts
 * const log = (event: RequestEvent) => console.log(event.method, event.url, event.attempt);
 * ```
 */
export interface RequestEvent {
  /** The HTTP method, e.g. `POST`. */
  method: string;
  /** The full request URL of the API call. */
  url: string;
  /** 1 for the first try of a call, then 2, 3, ... (a replay after a token refresh counts too). */
  attempt: number;
}

/**
 * A hook's view of an HTTP answer.
 *
 * @example
 * ```ts
 * const onResponse = (event: ResponseEvent) => metrics.observe(event.durationMs);
 * ```
 */
export interface ResponseEvent extends RequestEvent {
  /** The HTTP status of the answer. */
  status: number;
  /** Time from sending this try to its whole answer, in milliseconds (client clock). */
  durationMs: number;
}

/**
 * A hook's view of a retry about to wait.
 *
 * @example
 * ```ts
 * const onRetry = (event: RetryEvent) => console.warn(`retrying in ${event.delayMs} ms`);
 * ```
 */
export interface RetryEvent extends RequestEvent {
  /** How long the client waits before the next try, in milliseconds. */
  delayMs: number;
  /** The HTTP status that caused the retry, if any. */
  status?: number;
  /** The network error or timeout that caused the retry, if any. */
  error?: unknown;
}

/**
 * Observers of the client's HTTP traffic (logging, metrics, tracing). Hooks receive no
 * header and no token.
 *
 * @example
 * ```ts
 * createPortabilityClient({
 *   auth,
 *   hooks: { onRetry: (e) => console.warn(e.method, e.url, "retry in", e.delayMs, "ms") },
 * });
 * ```
 */
export interface ClientHooks {
  /** Called before each HTTP try is sent. */
  onRequest?(event: RequestEvent): void;
  /** Called when an HTTP try got an answer, of any status. */
  onResponse?(event: ResponseEvent): void;
  /** Called when a failed try will be repeated, before the wait. */
  onRetry?(event: RetryEvent): void;
}

/** @internal Per-call settings and results shared with the caller. */
export interface SendContext {
  /** Retry network errors and 5xx too; otherwise only answers meaning "not done" (429, 503). */
  retryAny?: boolean;
  /** Throw a PortabilityApiError for non-2xx answers (client methods) or return them (raw client). */
  operation?: string;
  /** Set by send: whether any try was repeated after an outcome that may have been processed. */
  repeated?: boolean;
  /** Set by send for client methods: the parsed JSON object of the successful answer. */
  data?: object;
}

/**
 * @internal The fetch used by every request: adds the token, one refresh and replay after
 * a 401, timeouts, retries with backoff and `Retry-After`, and typed errors. Checks the
 * client options it uses (auth, timeoutMs) before any request.
 * @example
 * ```ts
 * const send = createTransport(options, systemClock);
 * await send(new Request(url), { retryAny: true });
 * ```
 */
export function createTransport(options: PortabilityClientOptions, clock: Clock) {
  const { hooks, userAgent, fetch: fetchFn = (input, init) => fetch(input, init) } = options;
  const auth = tokenSource(options.auth);
  const retry = retryPolicy(options.retry);
  const timeoutMs = nonNegative(options.timeoutMs, "timeoutMs") ?? 30_000;
  return async function send(request: Request, ctx: SendContext): Promise<Response> {
    const { method, url, signal } = request;
    const body = request.body ? await request.text() : undefined;
    const started = clock.now();
    let token = await auth.get();
    let refreshed = false;
    let retries = 0;
    for (let attempt = 1; ; attempt++) {
      signal.throwIfAborted();
      const headers = new Headers(request.headers);
      headers.set("authorization", `Bearer ${token}`);
      if (userAgent) headers.set("user-agent", userAgent);
      const event = { method, url, attempt };
      hooks?.onRequest?.(event);
      const sent = clock.now();
      const controller = new AbortController();
      const onAbort = () => controller.abort(signal.reason);
      signal.addEventListener("abort", onAbort);
      // Timeouts measure the network, so they run on real timers even under an injected clock.
      const timer =
        timeoutMs > 0
          ? setTimeout(
              () =>
                controller.abort(
                  new DOMException(`No answer within ${timeoutMs} ms`, "TimeoutError"),
                ),
              timeoutMs,
            )
          : undefined;
      let response: Response | undefined;
      let text = "";
      let failure: unknown;
      try {
        const answer = await fetchFn(url, { method, headers, body, signal: controller.signal });
        text = await answer.text();
        // The body is read within the timeout; callers get it back as a fresh Response.
        response = new Response(text || null, answer);
      } catch (error) {
        failure = error;
      } finally {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
      }
      signal.throwIfAborted();
      let apiError: PortabilityApiError | undefined;
      if (response) {
        hooks?.onResponse?.({
          ...event,
          status: response.status,
          durationMs: clock.now() - sent,
        });
        if (response.ok) {
          try {
            ctx.data = JSON.parse(text || "{}");
          } catch {}
          // Client methods need a JSON object; anything else (a captive portal's page, a cut-off
          // body) becomes a PortabilityApiError below, like an error answer.
          if (!ctx.operation || ctx.data instanceof Object) return response;
        } else if (response.status === 401 && !refreshed && auth.refresh) {
          refreshed = true;
          token = await auth.refresh();
          continue;
        }
        apiError = parseApiError(response.status, response.headers, text, {
          ...ctx,
          now: clock.now(),
          secrets: [token],
        });
      }
      const status = response?.status;
      const unprocessed = status === 429 || status === 503;
      const transient = apiError
        ? apiError.isTransient && (ctx.retryAny || unprocessed)
        : ctx.retryAny;
      // Full-jitter exponential backoff, unless the server said how long to wait.
      const delayMs =
        apiError?.retryAfterMs ??
        Math.floor(retry.random() * Math.min(retry.maxDelayMs, retry.baseDelayMs * 2 ** retries));
      if (
        !transient ||
        retries + 1 >= retry.maxAttempts ||
        clock.now() + delayMs - started > retry.maxElapsedMs
      ) {
        if (!response) throw failure;
        if (ctx.operation && apiError) throw apiError;
        return response;
      }
      hooks?.onRetry?.({ ...event, delayMs, status, error: failure });
      if (!unprocessed) ctx.repeated = true;
      await clock.sleep(delayMs, signal);
      retries++;
    }
  };
}
