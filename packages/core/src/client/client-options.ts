import type { UnknownResources } from "../resources/resources.js";
import type { AuthOption } from "./auth.js";
import type { ClientHooks } from "./client-hooks.js";
import type { Clock } from "./clock.js";
import type { RetryOptions } from "./retry-policy.js";

/**
 * Settings of `createPortabilityClient`.
 *
 * @example
 * ```ts
 * const options: PortabilityClientOptions = {
 *   auth: { getAccessToken: () => store.token, refresh: () => store.refresh() },
 *   retry: { maxAttempts: 5 },
 *   timeoutMs: 20_000,
 *   userAgent: "my-app/1.0",
 * };
 * ```
 */
export interface PortabilityClientOptions {
  /** A token, a function returning one, or a provider that can refresh. */
  auth: AuthOption;
  /** Default `https://dataportability.googleapis.com`; `http:` only on a loopback host (an emulator). */
  baseUrl?: string;
  /** Default: the global `fetch`, looked up at each call. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Retry settings, or `false` for a single try. */
  retry?: RetryOptions | false;
  /** Time allowed for one HTTP try (real time), at least 0. Default 30 000 ms; 0 for none. */
  timeoutMs?: number;
  /** Sent as `User-Agent` where the runtime allows it. */
  userAgent?: string;
  /** Observers of each HTTP try, answer and retry (no headers, no tokens). */
  hooks?: ClientHooks;
  /** Time source for retry waits and pollers. Default {@link systemClock}. */
  clock?: Clock;
  /**
   * `"reject"` (default): `initiateArchive` refuses resource names this version does not know,
   * with a "did you mean". `"allow"`: well-formed names (`group.name`, lower case, dots,
   * underscores) go through to Google, for groups added after this version; Google decides.
   */
  unknownResources?: UnknownResources;
}
