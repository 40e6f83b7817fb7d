import type { components, paths } from "@dataportability/spec";
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
import type { AuthOption } from "./auth.js";
import { type Clock, systemClock } from "./clock.js";
import { InvalidArgumentError } from "./invalid-argument-error.js";
import { PortabilityApiError } from "./portability-api-error.js";
import { isResource } from "./resources.js";
import type { RetryOptions } from "./retry-policy.js";
import { type ClientHooks, createTransport, type SendContext } from "./transport.js";
import {
  isJobId,
  isSafeUrl,
  normalizeJobId,
  validateResources,
  validateTimeRange,
} from "./validation.js";

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
}

/**
 * The Data Portability client. Every method validates its input before any request and
 * throws {@link PortabilityApiError} for error answers, and for successful answers it cannot
 * use, with `code` `UNKNOWN`: not JSON (quoting a short, token-free excerpt), or "unexpected"
 * and the field that cannot be trusted: `state` (a state this version does not know), `urls`
 * (an archive URL that is not `https:` or `http:` on a loopback host), `archiveJobId` (a job
 * ID that is not one), `resources` (access lists that are not lists of strings).
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
   * @throws {PortabilityApiError} also for a state this version does not know, and for a URL
   * that is not `https:` (or `http:` on a loopback host, as an emulator serves).
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
   * Tells which resources the token can export once and which on a schedule. Resources this
   * version does not know are left out.
   *
   * @example
   * ```ts
   * const { oneTimeResources, timeBasedResources } = await client.checkAccessType();
   * ```
   */
  checkAccessType(options?: CallOptions): Promise<AccessTypes>;
}

type Schemas = components["schemas"];

const STATES: readonly string[] = [
  "STATE_UNSPECIFIED",
  "IN_PROGRESS",
  "COMPLETE",
  "FAILED",
  "CANCELLED",
] satisfies ArchiveStateName[];

/**
 * Checks a successful answer: when `ok` is falsy, throws a {@link PortabilityApiError}
 * "unexpected <field>" with status 200 (not transient, so pollers stop instead of checking
 * again) and code `UNKNOWN`. It names the field but never quotes the answer, which may hold
 * signed URLs.
 */
function expectAnswer(ok: unknown, operation: string, field: string): asserts ok {
  if (!ok) {
    throw new PortabilityApiError({ httpStatus: 200, operation, message: `unexpected ${field}` });
  }
}

/** A list of strings from the server, each passing `ok`. */
const isList = (value: unknown, ok: (entry: string) => boolean = () => true) =>
  Array.isArray(value) && value.every((entry) => typeof entry === "string" && ok(entry));

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
  const base = String(options.baseUrl ?? "https://dataportability.googleapis.com").replace(
    /\/+$/,
    "",
  );
  if (!isSafeUrl(base)) {
    throw new InvalidArgumentError("baseUrl", "not a safe URL", "https: (http: on loopback)");
  }
  const clock = options.clock ?? systemClock;
  const send = createTransport(options, clock);
  const raw = createClient<paths>({
    baseUrl: base,
    fetch: (request) => send(request, { retryAny: request.method === "GET" }),
  });
  // Client methods go straight to the transport; `raw` offers the same transport typed by path.
  const call = async <T>(
    ctx: SendContext & { operation: string },
    path: string,
    options: CallOptions | undefined,
    body?: object,
  ): Promise<Partial<T>> => {
    await send(
      new Request(base + path, {
        method: body && "POST",
        headers: body && { "content-type": "application/json" },
        body: body && JSON.stringify(body),
        signal: options?.signal ?? null,
      }),
      ctx,
    );
    return ctx.data as Partial<T>;
  };
  const job = (jobId: string, suffix: string) =>
    `/v1/archiveJobs/${normalizeJobId(jobId)}${suffix}`;
  const jobIdOf = (id: string | undefined, operation: string) => {
    expectAnswer(isJobId(id), operation, "archiveJobId");
    return id;
  };

  return {
    raw,
    clock,
    async initiateArchive(input) {
      const resources = validateResources(input?.resources);
      const { startTime, endTime } = validateTimeRange(input.startTime, input.endTime);
      const operation = "initiateArchive";
      const ctx: SendContext & { operation: string } = { operation, retryAny: true };
      try {
        const data = await call<Schemas["InitiatePortabilityArchiveResponse"]>(
          ctx,
          "/v1/portabilityArchive:initiate",
          input,
          { resources, startTime, endTime },
        );
        return {
          archiveJobId: jobIdOf(data.archiveJobId, operation),
          // Unknown (newer) access types read as UNSPECIFIED rather than failing a started job.
          accessType: (/^ACCESS_TYPE_(ONE_TIME|TIME_BASED)$/.exec(data.accessType!)?.[1] ??
            "UNSPECIFIED") as AccessType,
          reused: false,
        };
      } catch (error) {
        if (
          error instanceof PortabilityApiError &&
          error.code === "ALREADY_EXISTS" &&
          error.existingJobId &&
          (ctx.repeated || input.reuseExisting)
        ) {
          return {
            archiveJobId: jobIdOf(error.existingJobId, operation),
            accessType: "UNSPECIFIED",
            reused: true,
          };
        }
        throw error;
      }
    },
    async getArchiveState(jobIdOrName, options) {
      const jobId = normalizeJobId(jobIdOrName);
      const operation = "getArchiveState";
      const path = job(jobId, "/portabilityArchiveState");
      const data = await call<Schemas["PortabilityArchiveState"]>(
        { operation, retryAny: true },
        path,
        options,
      );
      const { state = "STATE_UNSPECIFIED", urls = [] } = data;
      expectAnswer(STATES.includes(state), operation, "state");
      expectAnswer(isList(urls, isSafeUrl), operation, "urls");
      const result: ArchiveState = {
        name: data.name ?? path.slice(4), // without "/v1/"
        jobId,
        state,
        urls,
      };
      for (const key of ["startTime", "exportTime"] as const) {
        if (data[key]) result[key] = new Date(data[key]);
      }
      return result;
    },
    async retryArchive(jobId, options) {
      const operation = "retryArchive";
      const data = await call<Schemas["RetryPortabilityArchiveResponse"]>(
        { operation },
        job(jobId, ":retry"),
        options,
        {},
      );
      return { archiveJobId: jobIdOf(data.archiveJobId, operation) };
    },
    async cancelArchive(jobId, options) {
      await call(
        { operation: "cancelArchive", retryAny: true },
        job(jobId, ":cancel"),
        options,
        {},
      );
    },
    async resetAuthorization(options) {
      await call({ operation: "resetAuthorization" }, "/v1/authorization:reset", options, {});
    },
    async checkAccessType(options) {
      const operation = "checkAccessType";
      const data = await call<Schemas["CheckAccessTypeResponse"]>(
        { operation, retryAny: true },
        "/v1/accessType:check",
        options,
        {},
      );
      const { oneTimeResources = [], timeBasedResources = [] } = data;
      expectAnswer(isList(oneTimeResources) && isList(timeBasedResources), operation, "resources");
      return {
        oneTimeResources: oneTimeResources.filter(isResource),
        timeBasedResources: timeBasedResources.filter(isResource),
      };
    },
  };
}
