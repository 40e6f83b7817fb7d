import type { components, paths } from "@dataportability/spec";
import createClient, { type Client } from "openapi-fetch";
import type {
  AccessType,
  AccessTypes,
  ArchiveState,
  CallOptions,
  InitiateArchiveInput,
  InitiateArchiveResult,
} from "./archive-types.js";
import { type AuthOption, tokenSource } from "./auth.js";
import { type Clock, systemClock } from "./clock.js";
import { PortabilityApiError } from "./portability-api-error.js";
import type { Resource } from "./resources.js";
import { type RetryOptions, retryPolicy } from "./retry-policy.js";
import { type ClientHooks, createTransport, type SendContext } from "./transport.js";
import { normalizeJobId, validateResources, validateTimeRange } from "./validation.js";

/**
 * Settings of {@link createPortabilityClient}.
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
  /** Default `https://dataportability.googleapis.com`. */
  baseUrl?: string;
  /** Default: the global `fetch`, looked up at each call. */
  fetch?: (input: string, init: RequestInit) => Promise<Response>;
  /** Retry settings, or `false` for a single try. */
  retry?: RetryOptions | false;
  /** Time allowed for one HTTP try (real time). Default 30 000 ms; 0 for none. */
  timeoutMs?: number;
  /** Sent as `User-Agent` where the runtime allows it. */
  userAgent?: string;
  /** Observers of each HTTP try, answer and retry (no headers, no tokens). */
  hooks?: ClientHooks;
  /** Time source for retry waits and pollers. Default {@link systemClock}. */
  clock?: Clock;
}

/**
 * The Data Portability client. Every method validates its input before any request and
 * throws {@link PortabilityApiError} for error answers.
 *
 * Retry rules (429 that is not an exhausted quota, per `Retry-After`):
 * - `getArchiveState`, `checkAccessType`, `cancelArchive`: also 5xx, network errors, timeouts.
 * - `initiateArchive`: also 5xx, network errors, timeouts; if a repeated try meets 409
 *   `ALREADY_EXISTS`, the job that the earlier try started is returned (`reused: true`).
 * - `retryArchive`, `resetAuthorization`: only answers that mean "not processed" (429, 503),
 *   since repeating them after a lost answer would fail or start another job.
 *
 * @example
 * ```ts
 * const client = createPortabilityClient({ auth: accessToken });
 * const { archiveJobId } = await client.initiateArchive({ resources: ["myactivity.youtube"] });
 * const state = await client.getArchiveState(archiveJobId);
 * ```
 */
export interface PortabilityClient {
  /** The typed openapi-fetch client, sharing auth, retries (GET only) and hooks. */
  readonly raw: Client<paths>;
  /** The time source of retry waits and of pollers that do not bring their own. */
  readonly clock: Clock;
  /**
   * Starts an archive job exporting the given resources (optionally a time range).
   *
   * @throws {InvalidArgumentError} for unknown, repeated or no resources, or a bad range.
   * @example
   * ```ts
   * const { archiveJobId, accessType } = await client.initiateArchive({
   *   resources: ["myactivity.youtube", "youtube.comments"],
   *   startTime: "2026-01-01T00:00:00Z",
   * });
   * ```
   */
  initiateArchive(input: InitiateArchiveInput): Promise<InitiateArchiveResult>;
  /**
   * Reads an archive job's state, and its signed URLs once COMPLETE. Accepts a job ID or its
   * `archiveJobs/{id}` name.
   *
   * @example
   * ```ts
   * const { state, urls } = await client.getArchiveState(archiveJobId);
   * ```
   */
  getArchiveState(jobIdOrName: string, options?: CallOptions): Promise<ArchiveState>;
  /**
   * Retries a FAILED job; returns the new job's ID (at most 3 retries per consent).
   *
   * @example
   * ```ts
   * const { archiveJobId: retriedJobId } = await client.retryArchive(failedJobId);
   * ```
   */
  retryArchive(
    jobId: string,
    options?: CallOptions,
  ): Promise<{
    /** The ID of the new job that replaces the failed one. */
    archiveJobId: string;
  }>;
  /**
   * Cancels an IN_PROGRESS job.
   *
   * @example
   * ```ts
   * await client.cancelArchive(archiveJobId);
   * ```
   */
  cancelArchive(jobId: string, options?: CallOptions): Promise<void>;
  /**
   * Revokes the tokens and resets exhausted scopes: call it once all archives are downloaded.
   *
   * @example
   * ```ts
   * await client.resetAuthorization();
   * ```
   */
  resetAuthorization(options?: CallOptions): Promise<void>;
  /**
   * Tells which resources the token can export once and which on a schedule.
   *
   * @example
   * ```ts
   * const { oneTimeResources, timeBasedResources } = await client.checkAccessType();
   * ```
   */
  checkAccessType(options?: CallOptions): Promise<AccessTypes>;
}

type Schemas = components["schemas"];

/**
 * Creates a client for Google's Data Portability API that runs in browsers, Node, Deno,
 * Bun and edge runtimes.
 *
 * @example
 * ```ts
 * import { createPortabilityClient } from "@dataportability/core";
 *
 * const client = createPortabilityClient({
 *   auth: async () => session.accessToken,
 *   hooks: { onRetry: (e) => console.warn("retry", e.url, e.delayMs) },
 * });
 * const { oneTimeResources } = await client.checkAccessType();
 * ```
 */
export function createPortabilityClient(options: PortabilityClientOptions): PortabilityClient {
  const clock = options.clock ?? systemClock;
  const send = createTransport({
    fetch: options.fetch ?? ((input, init) => fetch(input, init)),
    clock,
    auth: tokenSource(options.auth),
    retry: retryPolicy(options.retry),
    timeoutMs: options.timeoutMs ?? 30_000,
    userAgent: options.userAgent,
    hooks: options.hooks,
  });
  const base = (options.baseUrl ?? "https://dataportability.googleapis.com").replace(/\/+$/, "");
  const raw = createClient<paths>({
    baseUrl: base,
    fetch: (request) =>
      send(request, { retryOn: request.method === "GET" ? "always" : "unprocessed" }),
  });
  // Client methods go straight to the transport; `raw` offers the same transport typed by path.
  const call = async <T>(
    ctx: SendContext,
    path: string,
    options: CallOptions | undefined,
    body?: object,
  ): Promise<T> => {
    const request = new Request(base + path, {
      method: body ? "POST" : "GET",
      headers: body ? { "content-type": "application/json" } : {},
      body: body && JSON.stringify(body),
      signal: options?.signal ?? null,
    });
    const text = await (await send(request, ctx)).text();
    return text ? JSON.parse(text) : ({} as T);
  };
  const job = (jobId: string, suffix: string) =>
    `/v1/archiveJobs/${normalizeJobId(jobId)}${suffix}`;

  return {
    raw,
    clock,
    async initiateArchive(input) {
      const resources = validateResources(input?.resources);
      const { startTime, endTime } = validateTimeRange(input.startTime, input.endTime);
      const ctx: SendContext = { operation: "initiateArchive", retryOn: "always" };
      try {
        const data = await call<Schemas["InitiatePortabilityArchiveResponse"]>(
          ctx,
          "/v1/portabilityArchive:initiate",
          input,
          { resources, startTime, endTime },
        );
        return {
          archiveJobId: data.archiveJobId ?? "",
          accessType: (data.accessType ?? "UNSPECIFIED").replace("ACCESS_TYPE_", "") as AccessType,
          reused: false,
        };
      } catch (error) {
        if (
          error instanceof PortabilityApiError &&
          error.code === "ALREADY_EXISTS" &&
          error.existingJobId &&
          (ctx.repeated || input.reuseExisting)
        ) {
          return { archiveJobId: error.existingJobId, accessType: "UNSPECIFIED", reused: true };
        }
        throw error;
      }
    },
    async getArchiveState(jobIdOrName, options) {
      const jobId = normalizeJobId(jobIdOrName);
      const data = await call<Schemas["PortabilityArchiveState"]>(
        { operation: "getArchiveState", retryOn: "always" },
        `/v1/archiveJobs/${jobId}/portabilityArchiveState`,
        options,
      );
      const result: ArchiveState = {
        jobId,
        name: data.name ?? `archiveJobs/${jobId}/portabilityArchiveState`,
        state: data.state ?? "STATE_UNSPECIFIED",
        urls: data.urls ?? [],
      };
      if (data.startTime) result.startTime = new Date(data.startTime);
      if (data.exportTime) result.exportTime = new Date(data.exportTime);
      return result;
    },
    async retryArchive(jobId, options) {
      const data = await call<Schemas["RetryPortabilityArchiveResponse"]>(
        { operation: "retryArchive", retryOn: "unprocessed" },
        job(jobId, ":retry"),
        options,
        {},
      );
      return { archiveJobId: data.archiveJobId ?? "" };
    },
    async cancelArchive(jobId, options) {
      await call(
        { operation: "cancelArchive", retryOn: "always" },
        job(jobId, ":cancel"),
        options,
        {},
      );
    },
    async resetAuthorization(options) {
      await call(
        { operation: "resetAuthorization", retryOn: "unprocessed" },
        "/v1/authorization:reset",
        options,
        {},
      );
    },
    async checkAccessType(options) {
      const data = await call<Schemas["CheckAccessTypeResponse"]>(
        { operation: "checkAccessType", retryOn: "always" },
        "/v1/accessType:check",
        options,
        {},
      );
      return {
        oneTimeResources: (data.oneTimeResources ?? []) as Resource[],
        timeBasedResources: (data.timeBasedResources ?? []) as Resource[],
      };
    },
  };
}
