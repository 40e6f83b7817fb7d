import type { paths } from "@dataportability/spec";
import createClient, { type Client } from "openapi-fetch";
import { InvalidArgumentError, quote } from "../errors/invalid-argument-error.js";
import { PortabilityApiError } from "../errors/portability-api-error.js";
import { isResourceName, type Resource } from "../resources/resources.js";
import { supportsTimeFilter } from "../resources/time-filter.js";
import {
  isJobId,
  isSafeUrl,
  normalizeJobId,
  validateResources,
  validateTimeRange,
} from "../validation/validation.js";
import type { RequestBody, ResponseBody } from "./api-types.js";
import { ARCHIVE_STATES } from "./archive-states.js";
import type {
  AccessType,
  AccessTypes,
  ArchiveState,
  ArchiveStateName,
  CallOptions,
  InitiateArchiveInput,
  InitiateArchiveResult,
} from "./archive-types.js";
import type { PortabilityClientOptions } from "./client-options.js";
import { type Clock, systemClock } from "./clock.js";
import type { PortabilityMiddleware } from "./portability-middleware.js";
import { type CallRules, createTransport, type Sent, type TryResult } from "./transport.js";

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
  /**
   * The typed openapi-fetch client on the same transport and middleware as the methods: the
   * token with one refresh and replay after a 401, timeouts, hooks and `prettyPrint=false`.
   * GET is retried like `getArchiveState`, other methods like `retryArchive`. Error answers
   * are returned (`{ error, response }`) as openapi-fetch does, not thrown.
   */
  readonly raw: Client<paths>;
  /**
   * Adds openapi-fetch middleware to every call of the six methods and of `raw`. Each try
   * passes through it (retries and the replay after a token refresh too): `onRequest` gets
   * the request as built from the path, parameters and body, and may return a changed one;
   * `onResponse` gets the whole answer of the try, whatever its status; `onError` gets a
   * network error or timeout. The token, `User-Agent` and `prettyPrint=false` are added
   * beneath the middleware, so it never sees them, and a request it moves outside `baseUrl`
   * is refused instead of being sent with the token.
   *
   * @example
   * ```ts
   * const quotaUser: PortabilityMiddleware = {
   *   onRequest({ request }) {
   *     const url = new URL(request.url);
   *     url.searchParams.set("quotaUser", "user-42");
   *     return new Request(url, request);
   *   },
   * };
   * client.use(quotaUser);
   * ```
   */
  use(...middleware: PortabilityMiddleware[]): void;
  /**
   * Removes middleware added with {@link PortabilityClient.use}.
   *
   * @example
   * ```ts
   * client.eject(quotaUser);
   * ```
   */
  eject(...middleware: PortabilityMiddleware[]): void;
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
   * Tells which resources the token can export once and which on a schedule. Groups Google
   * added after this version are kept (names that are not `group.name` are left out).
   *
   * @example
   * ```ts
   * const { oneTimeResources, timeBasedResources } = await client.checkAccessType();
   * ```
   */
  checkAccessType(options?: CallOptions): Promise<AccessTypes>;
}

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

/** What the methods add to each openapi-fetch call: the transport's fetch, the signal, text. */
interface CallInit {
  fetch: (request: Request) => Promise<Response>;
  signal: AbortSignal | undefined;
  parseAs: "text";
}

/** The JSON object of a method's answer, or its error thrown. */
function dataOf<T>({ data, error }: Sent): Partial<T> {
  if (error) throw error;
  return data as Partial<T>;
}

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
  const { unknownResources = "reject" } = options;
  if (unknownResources !== "reject" && unknownResources !== "allow") {
    throw new InvalidArgumentError(
      "unknownResources",
      `bad value ${quote(unknownResources)}`,
      '"reject" or "allow"',
    );
  }
  const clock = options.clock ?? systemClock;
  const send = createTransport(options, base, clock);
  // Every call goes through this typed client, so its middleware sees the methods and `raw`.
  const api = createClient<paths>({ baseUrl: base });
  type RawRequest = (method: string, path: string, init?: { signal?: AbortSignal }) => unknown;
  const rawRequest: RawRequest = async (method, path, init) => {
    const { response, data, error } = await send(
      (fetch) =>
        (api.request as RawRequest)(method, path, {
          ...init,
          fetch,
        } as object) as Promise<TryResult>,
      { retryAny: method.toUpperCase() === "GET", signal: init?.signal },
    );
    return response.ok ? { data, response } : { error, response };
  };
  const raw = { ...api, request: rawRequest } as Record<string, unknown>;
  for (const method of ["GET", "PUT", "POST", "DELETE", "OPTIONS", "HEAD", "PATCH", "TRACE"]) {
    raw[method] = (path: string, init?: object) => rawRequest(method, path, init);
  }
  // The methods read answers as text: the transport checks they are JSON objects.
  const call = (
    rules: CallRules,
    callOptions: CallOptions | undefined,
    attempt: (init: CallInit) => Promise<TryResult>,
  ): Promise<Sent> => {
    const signal = callOptions?.signal;
    return send((fetch) => attempt({ fetch, signal, parseAs: "text" }), { ...rules, signal });
  };
  const path = (jobId: string) => ({ path: { archiveJobsId: normalizeJobId(jobId) } });
  const warned = new Set<string>();
  const jobIdOf = (id: string | undefined, operation: string) => {
    expectAnswer(isJobId(id), operation, "archiveJobId");
    return id;
  };

  return {
    raw: raw as unknown as Client<paths>,
    clock,
    use: api.use,
    eject: api.eject,
    async initiateArchive(input) {
      const resources = validateResources(input?.resources, "resources", unknownResources);
      const { startTime, endTime } = validateTimeRange(input.startTime, input.endTime);
      // Google applies time filters to some groups only; say so once per group and client.
      const unfiltered = resources.filter((r) => !supportsTimeFilter(r) && !warned.has(r));
      if ((startTime || endTime) && unfiltered.length) {
        for (const resource of unfiltered) warned.add(resource);
        options.hooks?.onWarning?.({
          code: "TIME_FILTER_IGNORED",
          message: `startTime/endTime do not filter ${unfiltered.join(", ")}: their archives hold all their data`,
          resources: unfiltered,
        });
      }
      const operation = "initiateArchive";
      const { data, error, repeated } = await call({ operation, retryAny: true }, input, (init) =>
        api.POST("/v1/portabilityArchive:initiate", {
          ...init,
          body: {
            resources,
            startTime: startTime?.toISOString(),
            endTime: endTime?.toISOString(),
          } satisfies RequestBody<"/v1/portabilityArchive:initiate">,
        }),
      );
      if (error) {
        if (
          error instanceof PortabilityApiError &&
          error.code === "ALREADY_EXISTS" &&
          error.existingJobId &&
          (repeated || input.reuseExisting)
        ) {
          return {
            archiveJobId: jobIdOf(error.existingJobId, operation),
            accessType: "UNSPECIFIED",
            reused: true,
          };
        }
        throw error;
      }
      const { archiveJobId, accessType } = data as ResponseBody<
        "post",
        "/v1/portabilityArchive:initiate"
      >;
      return {
        archiveJobId: jobIdOf(archiveJobId, operation),
        // Unknown (newer) access types read as UNSPECIFIED rather than failing a started job.
        accessType: (/^ACCESS_TYPE_(ONE_TIME|TIME_BASED)$/.exec(accessType!)?.[1] ??
          "UNSPECIFIED") as AccessType,
        reused: false,
      };
    },
    async getArchiveState(jobIdOrName, options) {
      const params = path(jobIdOrName);
      const operation = "getArchiveState";
      const data = dataOf<
        ResponseBody<"get", "/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState">
      >(
        await call({ operation, retryAny: true }, options, (init) =>
          api.GET("/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState", { ...init, params }),
        ),
      );
      const { state = "STATE_UNSPECIFIED", urls = [] } = data;
      expectAnswer(ARCHIVE_STATES.includes(state as ArchiveStateName), operation, "state");
      expectAnswer(isList(urls, isSafeUrl), operation, "urls");
      const jobId = params.path.archiveJobsId;
      const result: ArchiveState = {
        name: data.name ?? `archiveJobs/${jobId}/portabilityArchiveState`,
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
      const params = path(jobId);
      const data = dataOf<ResponseBody<"post", "/v1/archiveJobs/{archiveJobsId}:retry">>(
        await call({ operation }, options, (init) =>
          api.POST("/v1/archiveJobs/{archiveJobsId}:retry", { ...init, params, body: {} }),
        ),
      );
      return { archiveJobId: jobIdOf(data.archiveJobId, operation) };
    },
    async cancelArchive(jobId, options) {
      const params = path(jobId);
      dataOf(
        await call({ operation: "cancelArchive", retryAny: true }, options, (init) =>
          api.POST("/v1/archiveJobs/{archiveJobsId}:cancel", { ...init, params, body: {} }),
        ),
      );
    },
    async resetAuthorization(options) {
      dataOf(
        await call({ operation: "resetAuthorization" }, options, (init) =>
          api.POST("/v1/authorization:reset", { ...init, body: {} }),
        ),
      );
    },
    async checkAccessType(options) {
      const operation = "checkAccessType";
      const data = dataOf<ResponseBody<"post", "/v1/accessType:check">>(
        await call({ operation, retryAny: true }, options, (init) =>
          api.POST("/v1/accessType:check", { ...init, body: {} }),
        ),
      );
      const { oneTimeResources = [], timeBasedResources = [] } = data;
      expectAnswer(isList(oneTimeResources) && isList(timeBasedResources), operation, "resources");
      return {
        // Groups Google added after this version are kept: they are resources all the same.
        oneTimeResources: oneTimeResources.filter(isResourceName) as Resource[],
        timeBasedResources: timeBasedResources.filter(isResourceName) as Resource[],
      };
    },
  };
}
