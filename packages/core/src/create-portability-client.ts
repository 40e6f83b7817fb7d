import type { paths } from "@dataportability/spec";
import createClient, { type Client } from "openapi-fetch";
import type {
  AccessType,
  AccessTypes,
  ArchiveState,
  ArchiveStateName,
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
  readonly clock: Clock;
  initiateArchive(input: InitiateArchiveInput): Promise<InitiateArchiveResult>;
  getArchiveState(jobIdOrName: string, options?: CallOptions): Promise<ArchiveState>;
  /** Retries a FAILED job; returns the new job's ID (at most 3 retries per consent). */
  retryArchive(jobId: string, options?: CallOptions): Promise<{ archiveJobId: string }>;
  /** Cancels an IN_PROGRESS job. */
  cancelArchive(jobId: string, options?: CallOptions): Promise<void>;
  /** Revokes the tokens and resets exhausted scopes: call it once all archives are downloaded. */
  resetAuthorization(options?: CallOptions): Promise<void>;
  checkAccessType(options?: CallOptions): Promise<AccessTypes>;
}

const ACCESS_TYPES: Record<string, AccessType> = {
  ACCESS_TYPE_ONE_TIME: "ONE_TIME",
  ACCESS_TYPE_TIME_BASED: "TIME_BASED",
};
const STATES = ["IN_PROGRESS", "COMPLETE", "FAILED", "CANCELLED"];
const date = (value: string | undefined) => (value ? new Date(value) : undefined);

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
  const raw = createClient<paths>({
    baseUrl: options.baseUrl ?? "https://dataportability.googleapis.com",
    fetch: (request) =>
      send(request, { retryOn: request.method === "GET" ? "always" : "unprocessed" }),
  });
  const via = (ctx: SendContext) => (request: Request) => send(request, ctx);
  const job = (jobId: string) => ({ path: { archiveJobsId: normalizeJobId(jobId) } });

  return {
    raw,
    clock,
    async initiateArchive(input) {
      const resources = validateResources(input?.resources);
      const { startTime, endTime } = validateTimeRange(input.startTime, input.endTime);
      const ctx: SendContext = { retryOn: "always", operation: "initiateArchive" };
      try {
        const { data } = await raw.POST("/v1/portabilityArchive:initiate", {
          body: { resources, startTime: startTime?.toISOString(), endTime: endTime?.toISOString() },
          signal: input.signal,
          fetch: via(ctx),
        });
        return {
          archiveJobId: data?.archiveJobId ?? "",
          accessType: ACCESS_TYPES[data?.accessType ?? ""] ?? "UNSPECIFIED",
          reused: false,
        };
      } catch (error) {
        const existing = error instanceof PortabilityApiError && error.code === "ALREADY_EXISTS";
        if (existing && error.existingJobId && (ctx.repeated || input.reuseExisting)) {
          return { archiveJobId: error.existingJobId, accessType: "UNSPECIFIED", reused: true };
        }
        throw error;
      }
    },
    async getArchiveState(jobIdOrName, call) {
      const { data = {} } = await raw.GET(
        "/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState",
        {
          params: job(jobIdOrName),
          signal: call?.signal,
          fetch: via({ retryOn: "always", operation: "getArchiveState" }),
        },
      );
      const jobId = normalizeJobId(jobIdOrName);
      const state = STATES.includes(data.state ?? "") ? data.state : "STATE_UNSPECIFIED";
      const result: ArchiveState = {
        jobId,
        name: data.name ?? `archiveJobs/${jobId}/portabilityArchiveState`,
        state: state as ArchiveStateName,
        urls: data.urls ?? [],
      };
      if (data.startTime) result.startTime = date(data.startTime);
      if (data.exportTime) result.exportTime = date(data.exportTime);
      return result;
    },
    async retryArchive(jobId, call) {
      const { data } = await raw.POST("/v1/archiveJobs/{archiveJobsId}:retry", {
        params: job(jobId),
        body: {},
        signal: call?.signal,
        fetch: via({ retryOn: "unprocessed", operation: "retryArchive" }),
      });
      return { archiveJobId: data?.archiveJobId ?? "" };
    },
    async cancelArchive(jobId, call) {
      await raw.POST("/v1/archiveJobs/{archiveJobsId}:cancel", {
        params: job(jobId),
        body: {},
        signal: call?.signal,
        fetch: via({ retryOn: "always", operation: "cancelArchive" }),
      });
    },
    async resetAuthorization(call) {
      await raw.POST("/v1/authorization:reset", {
        body: {},
        signal: call?.signal,
        fetch: via({ retryOn: "unprocessed", operation: "resetAuthorization" }),
      });
    },
    async checkAccessType(call) {
      const { data } = await raw.POST("/v1/accessType:check", {
        body: {},
        signal: call?.signal,
        fetch: via({ retryOn: "always", operation: "checkAccessType" }),
      });
      return {
        oneTimeResources: (data?.oneTimeResources ?? []) as Resource[],
        timeBasedResources: (data?.timeBasedResources ?? []) as Resource[],
      };
    },
  };
}
