import type { TokenSource } from "./auth.js";
import type { Clock } from "./clock.js";
import { parseApiError } from "./parse-api-error.js";
import type { PortabilityApiError } from "./portability-api-error.js";
import { backoffDelay, type RetryPolicy } from "./retry-policy.js";

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

/** @internal */
export interface TransportOptions {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  clock: Clock;
  auth: TokenSource;
  retry: RetryPolicy;
  timeoutMs: number;
  userAgent: string | undefined;
  hooks: ClientHooks | undefined;
}

/** @internal Per-call settings and results shared with the caller. */
export interface SendContext {
  /** "always": also network errors and 5xx; "unprocessed": only answers meaning "not done" (429, 503). */
  retryOn: "always" | "unprocessed";
  /** Throw a PortabilityApiError for non-2xx answers (client methods) or return them (raw client). */
  operation?: string;
  /** Set by send: whether any try was repeated after an outcome that may have been processed. */
  repeated?: boolean;
}

/**
 * @internal The fetch used by every request: adds the token, one refresh and replay after
 * a 401, timeouts, retries with backoff and `Retry-After`, and typed errors.
 * @example
 * ```ts
 * const send = createTransport(options);
 * await send(new Request(url), { retryOn: "always" });
 * ```
 */
export function createTransport(o: TransportOptions) {
  return async function send(request: Request, ctx: SendContext): Promise<Response> {
    const { method, url, signal } = request;
    const body = method === "GET" || method === "HEAD" ? undefined : await request.text();
    const started = o.clock.now();
    let token = await o.auth.get();
    let refreshed = false;
    let retries = 0;
    for (let attempt = 1; ; attempt++) {
      signal.throwIfAborted();
      const headers = new Headers(request.headers);
      headers.set("authorization", `Bearer ${token}`);
      if (o.userAgent) headers.set("user-agent", o.userAgent);
      const event = { method, url, attempt };
      o.hooks?.onRequest?.(event);
      const sent = o.clock.now();
      const controller = new AbortController();
      const onAbort = () => controller.abort(signal.reason);
      signal.addEventListener("abort", onAbort);
      // Timeouts measure the network, so they run on real timers even under an injected clock.
      const timer =
        o.timeoutMs > 0
          ? setTimeout(
              () =>
                controller.abort(
                  new DOMException(`No answer within ${o.timeoutMs} ms`, "TimeoutError"),
                ),
              o.timeoutMs,
            )
          : undefined;
      let response: Response | undefined;
      let text = "";
      let failure: unknown;
      try {
        const answer = await o.fetch(url, { method, headers, body, signal: controller.signal });
        text = await answer.text();
        // The body is read within the timeout; callers get it back as a fresh Response.
        response = new Response(text || null, answer);
      } catch (error) {
        failure = error;
      } finally {
        clearTimeout(timer);
        signal.removeEventListener("abort", onAbort);
      }
      if (signal.aborted) throw signal.reason;
      let apiError: PortabilityApiError | undefined;
      if (response) {
        o.hooks?.onResponse?.({
          ...event,
          status: response.status,
          durationMs: o.clock.now() - sent,
        });
        if (response.ok) return response;
        if (response.status === 401 && !refreshed && o.auth.refresh) {
          refreshed = true;
          token = await o.auth.refresh();
          continue;
        }
        apiError = parseApiError(response.status, response.headers, text, {
          operation: ctx.operation,
          now: o.clock.now(),
          secrets: [token],
        });
      }
      const status = response?.status;
      const transient = apiError
        ? apiError.isTransient && (ctx.retryOn === "always" || status === 429 || status === 503)
        : ctx.retryOn === "always";
      const delayMs = apiError?.retryAfterMs ?? backoffDelay(o.retry, retries);
      if (
        !transient ||
        retries + 1 >= o.retry.maxAttempts ||
        o.clock.now() + delayMs - started > o.retry.maxElapsedMs
      ) {
        if (!response) throw failure;
        if (ctx.operation && apiError) throw apiError;
        return response;
      }
      o.hooks?.onRetry?.({ ...event, delayMs, status, error: failure });
      if (status !== 429 && status !== 503) ctx.repeated = true;
      await o.clock.sleep(delayMs, signal);
      retries++;
    }
  };
}
