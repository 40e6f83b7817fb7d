import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { parseApiError } from "../errors/parse-api-error.js";
import type { PortabilityApiError } from "../errors/portability-api-error.js";
import { nonNegative } from "../validation/validation.js";
import { tokenSource } from "./auth.js";
import type { RequestEvent } from "./client-hooks.js";
import type { PortabilityClientOptions } from "./client-options.js";
import type { Clock } from "./clock.js";
import { retryPolicy } from "./retry-policy.js";

/** @internal How one call is sent and retried. */
export interface CallRules {
  /** Retry network errors and 5xx too; otherwise only answers meaning "not done" (429, 503). */
  retryAny?: boolean | undefined;
  /**
   * Set for client methods: the answer must be a JSON object read as text (`parseAs: "text"`),
   * and errors are {@link PortabilityApiError}s naming this method. Unset for `raw`.
   */
  operation?: string | undefined;
  /** Aborts the call, including retry waits. */
  signal?: AbortSignal | null | undefined;
}

/** @internal What one try of openapi-fetch returns. */
export interface TryResult {
  data?: unknown;
  error?: unknown;
  response: Response;
}

/**
 * @internal The outcome of a call, after its retries. For client methods `data` is the JSON
 * object of a 2xx answer and `error` a {@link PortabilityApiError}; for `raw`, both are
 * openapi-fetch's own.
 */
export interface Sent {
  response: Response;
  data?: unknown;
  error?: unknown;
  /** Tries made, the replay after a token refresh included. */
  attempts: number;
  /** Whether a try was repeated after an outcome the server may have processed. */
  repeated: boolean;
}

/**
 * @internal The transport of every request: the client methods and `raw` alike. `send` runs
 * the retry loop around `attempt`, which makes one openapi-fetch call (through the user's
 * middleware) with the `fetch` it is given; that fetch adds the token, `User-Agent` and
 * `prettyPrint=false` beneath the middleware, applies the timeout and reads the whole answer.
 * After a 401 the token is refreshed once and the call replayed; retries follow `Retry-After`
 * or full-jitter backoff. Checks the client options it uses (auth, timeoutMs) before any
 * request.
 * @example
 * ```ts
 * const send = createTransport(options, "https://dataportability.googleapis.com", systemClock);
 * const { data } = await send((fetch) => api.GET(path, { fetch }), { retryAny: true });
 * ```
 */
export function createTransport(options: PortabilityClientOptions, base: string, clock: Clock) {
  const { hooks, userAgent, fetch: fetchFn = (input, init) => fetch(input, init) } = options;
  const auth = tokenSource(options.auth);
  const retry = retryPolicy(options.retry);
  const timeoutMs = nonNegative(options.timeoutMs, "timeoutMs") ?? 30_000;
  return async function send(
    attempt: (fetch: (request: Request) => Promise<Response>) => Promise<TryResult>,
    { retryAny, operation, signal }: CallRules,
  ): Promise<Sent> {
    const started = clock.now();
    let token = await auth.get();
    let refreshed = false;
    let repeated = false;
    let retries = 0;
    for (let attempts = 1; ; attempts++) {
      signal?.throwIfAborted();
      let event: RequestEvent | undefined;
      let failure: unknown;
      let failed = false;
      const fetchWithToken = async (request: Request): Promise<Response> => {
        const { method, url } = request;
        // A middleware may change the request, but the token goes only to the API.
        if (!url.startsWith(`${base}/`)) {
          throw new InvalidArgumentError("request.url", "outside baseUrl", `${base}/...`);
        }
        const headers = new Headers(request.headers);
        headers.set("authorization", `Bearer ${token}`);
        if (userAgent) headers.set("user-agent", userAgent);
        event = { method, url, attempt: attempts };
        hooks?.onRequest?.(event);
        const sent = clock.now();
        const controller = new AbortController();
        const onAbort = () => controller.abort(request.signal.reason);
        request.signal.addEventListener("abort", onAbort);
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
        try {
          const answer = await fetchFn(
            // Google's standard parameter: no indentation in answers, unless the caller set it.
            /[?&]prettyPrint=/.test(url)
              ? url
              : `${url}${url.includes("?") ? "&" : "?"}prettyPrint=false`,
            {
              method,
              headers,
              body: request.body ? await request.text() : undefined,
              signal: controller.signal,
            },
          );
          // The body is read within the timeout; openapi-fetch gets its bytes as a fresh Response.
          const bytes = await answer.arrayBuffer();
          hooks?.onResponse?.({ ...event, status: answer.status, durationMs: clock.now() - sent });
          return new Response(bytes.byteLength ? bytes : null, answer);
        } catch (error) {
          failed = true;
          throw error;
        } finally {
          clearTimeout(timer);
          request.signal.removeEventListener("abort", onAbort);
        }
      };
      let result: TryResult | undefined;
      try {
        result = await attempt(fetchWithToken);
      } catch (error) {
        // Network errors and timeouts are retried; a middleware's or a parser's error is not.
        if (!failed) throw error;
        failure = error;
      }
      signal?.throwIfAborted();
      let apiError: PortabilityApiError | undefined;
      const response = result?.response;
      if (response) {
        let body = response.ok ? result!.data : result!.error;
        if (response.ok) {
          if (!operation) return { ...result!, attempts, repeated };
          try {
            body = JSON.parse((body as string) || "{}");
          } catch {}
          // Client methods need a JSON object; anything else (a captive portal's page, a cut-off
          // body) becomes a PortabilityApiError below, like an error answer.
          if (body instanceof Object) return { response, data: body, attempts, repeated };
          body = result!.data;
        } else if (response.status === 401 && !refreshed && auth.refresh) {
          refreshed = true;
          token = await auth.refresh();
          continue;
        }
        // openapi-fetch parsed error bodies that are JSON; the parser wants the text.
        apiError = parseApiError(
          response.status,
          response.headers,
          typeof body === "string" ? body : (JSON.stringify(body) ?? ""),
          { operation, now: clock.now(), secrets: [token] },
        );
      }
      const status = response?.status;
      const unprocessed = status === 429 || status === 503;
      const transient = apiError ? apiError.isTransient && (retryAny || unprocessed) : retryAny;
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
        return { ...result!, ...(operation && { error: apiError }), attempts, repeated };
      }
      hooks?.onRetry?.({ ...event!, delayMs, status, error: failure });
      if (!unprocessed) repeated = true;
      await clock.sleep(delayMs, signal ?? undefined);
      retries++;
    }
  };
}
