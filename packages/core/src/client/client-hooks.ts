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
 * Something the client did as asked, though the outcome may not be what the caller expects.
 *
 * @example
 * ```ts
 * const onWarning = (event: WarningEvent) => console.warn(event.code, event.message);
 * ```
 */
export interface WarningEvent {
  /**
   * `TIME_FILTER_IGNORED`: `startTime` or `endTime` was sent for resource groups that Google
   * does not filter by time (`supportsTimeFilter`): their archives hold all their data.
   */
  code: "TIME_FILTER_IGNORED";
  /** A sentence for logs. */
  message: string;
  /** The resource groups concerned. */
  resources: string[];
}

/**
 * Observers of the client's HTTP traffic (logging, metrics, tracing) and of its warnings.
 * Hooks receive no header and no token.
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
  /** Called once per client and resource group for each kind of {@link WarningEvent}. */
  onWarning?(event: WarningEvent): void;
}
