import type { OperationId } from "@dataportability/spec";
import { HttpResponse } from "msw";
import type { FaultBase, FaultSpec, FaultTarget } from "./fault-spec.js";
import { validateFaults } from "./fault-spec.js";
import { OPERATION_NAMES } from "./handlers.js";
import { toResponse } from "./operation-handler.js";
import { rpcError } from "./rpc-error.js";
import { SeededRandom } from "./seeded-random.js";
import { storageErrorResponse } from "./storage-error.js";

/**
 * Which part of the emulator a request reached.
 *
 * @example
 * ```ts
 * const area: RequestArea = emulator.requests[0].area; // "api" | "storage" | "oauth"
 * ```
 */
export type RequestArea = "api" | "storage" | "oauth";

/**
 * What a fault is matched against.
 *
 * @example
 * ```ts
 * const context: FaultContext = { area: "api", operationId: "dataportability.portabilityArchive.initiate" };
 * ```
 */
export interface FaultContext {
  readonly area: RequestArea;
  readonly operationId?: OperationId;
}

const DEFAULT_MATCH: Record<FaultSpec["name"], readonly FaultTarget[]> = {
  "rate-limit": ["api"],
  "server-error": ["api"],
  "html-proxy-page": ["api"],
  latency: ["api", "storage", "oauth"],
  "reset-mid-download": ["storage"],
  "early-url-expiry": ["storage"],
  "job-fails": ["initiate", "retry"],
};

const HTML_PAGE = (status: number) =>
  `<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n  <meta name=viewport content="initial-scale=1, minimum-scale=1, width=device-width">\n  <title>Error ${status} (Server Error)!!1</title>\n  <p><b>${status}.</b> <ins>That’s an error.</ins>\n  <p>The server encountered a temporary error and could not complete your request.<p>Please try again in 30 seconds.  <ins>That’s all we know.</ins>\n`;

/**
 * Applies the configured faults to requests: counts uses, draws chances from a seeded generator,
 * and builds each failure in the format of the area it hits.
 *
 * @example
 * ```ts
 * const faults = new FaultInjector(1, [{ name: "rate-limit", times: 1 }]);
 * faults.failure({ area: "api", operationId: "dataportability.portabilityArchive.initiate" })?.status; // 429
 * ```
 */
export class FaultInjector {
  #faults: readonly FaultSpec[] = [];
  #seen: number[] = [];
  #used: number[] = [];
  readonly #random: SeededRandom;

  constructor(seed: number, faults: readonly FaultSpec[] = []) {
    this.#random = new SeededRandom(seed ^ 0x5eed);
    this.set(faults);
  }

  /**
   * Replaces the faults and their counters.
   *
   * @example
   * ```ts
   * faults.set([]); // no more faults
   * ```
   */
  set(faults: readonly FaultSpec[]): void {
    validateFaults(faults);
    this.#faults = [...faults];
    this.#seen = faults.map(() => 0);
    this.#used = faults.map(() => 0);
  }

  /**
   * The faults in force.
   *
   * @example
   * ```ts
   * faults.list().length;
   * ```
   */
  list(): readonly FaultSpec[] {
    return this.#faults;
  }

  #take<N extends FaultSpec["name"]>(
    name: N,
    ctx: FaultContext,
  ): Extract<FaultSpec, { name: N }> | undefined {
    for (let i = 0; i < this.#faults.length; i++) {
      const fault = this.#faults[i]!;
      if (fault.name !== name || !matches(fault, ctx)) continue;
      const base = fault as FaultBase;
      this.#seen[i]! += 1;
      if (this.#seen[i]! <= (base.skip ?? 0)) continue;
      if (this.#used[i]! >= (base.times ?? Number.POSITIVE_INFINITY)) continue;
      if (base.probability !== undefined && this.#random.next() >= base.probability) continue;
      this.#used[i]! += 1;
      return fault as Extract<FaultSpec, { name: N }>;
    }
    return undefined;
  }

  /**
   * Total delay the latency faults add to this request, in ms.
   *
   * @example
   * ```ts
   * new FaultInjector(1, [{ name: "latency", ms: 50 }]).latencyMs({ area: "api" }); // 50
   * ```
   */
  latencyMs(ctx: FaultContext): number {
    const fault = this.#take("latency", ctx);
    if (!fault) return 0;
    return fault.ms + (fault.jitterMs ? Math.floor(this.#random.next() * fault.jitterMs) : 0);
  }

  /**
   * A failure response (rate limit, 5xx, HTML page) if a fault hits this request.
   *
   * @example
   * ```ts
   * faults.failure({ area: "storage" }); // Response | undefined
   * ```
   */
  failure(ctx: FaultContext): Response | undefined {
    const limited = this.#take("rate-limit", ctx);
    if (limited) return rateLimited(ctx.area, limited.retryAfterSeconds ?? 1);
    const error = this.#take("server-error", ctx);
    if (error) return serverError(ctx.area, error.status ?? 503);
    const page = this.#take("html-proxy-page", ctx);
    if (page) {
      return new HttpResponse(HTML_PAGE(page.status ?? 502), {
        status: page.status ?? 502,
        headers: { "content-type": "text/html; charset=UTF-8" },
      });
    }
    return undefined;
  }

  /**
   * After how many body bytes a download must break, if a reset fault hits it.
   *
   * @example
   * ```ts
   * new FaultInjector(1, [{ name: "reset-mid-download", afterBytes: 10 }]).resetAfter({ area: "storage" }, 100); // 10
   * ```
   */
  resetAfter(ctx: FaultContext, bodyLength: number): number | undefined {
    const fault = this.#take("reset-mid-download", ctx);
    if (!fault) return undefined;
    return Math.min(fault.afterBytes ?? Math.floor(bodyLength / 2), Math.max(0, bodyLength - 1));
  }

  /**
   * The shortest early-expiry window in force, in ms after signing.
   *
   * @example
   * ```ts
   * new FaultInjector(1, [{ name: "early-url-expiry", afterMs: 60_000 }]).earlyExpiryMs(); // 60000
   * ```
   */
  earlyExpiryMs(): number | undefined {
    const windows = this.#faults.flatMap((f) => (f.name === "early-url-expiry" ? [f.afterMs] : []));
    return windows.length === 0 ? undefined : Math.min(...windows);
  }

  /**
   * Whether a job created by this operation must fail.
   *
   * @example
   * ```ts
   * new FaultInjector(1, [{ name: "job-fails", times: 1 }]).jobFails("dataportability.portabilityArchive.initiate"); // true
   * ```
   */
  jobFails(operationId: OperationId): boolean {
    return this.#take("job-fails", { area: "api", operationId }) !== undefined;
  }
}

function matches(fault: FaultSpec, ctx: FaultContext): boolean {
  const targets =
    "match" in fault && fault.match !== undefined
      ? ([] as FaultTarget[]).concat(fault.match)
      : DEFAULT_MATCH[fault.name];
  return targets.some((target) => {
    if (target === ctx.area) return true;
    if (ctx.operationId === undefined) return false;
    return (
      target === ctx.operationId ||
      OPERATION_NAMES[target as keyof typeof OPERATION_NAMES] === ctx.operationId
    );
  });
}

function rateLimited(area: FaultContext["area"], seconds: number): Response {
  const headers = { "retry-after": String(seconds) };
  if (area === "storage") {
    return storageErrorResponse(
      { status: 429, code: "SlowDown", message: "Please reduce your request rate." },
      headers,
    );
  }
  if (area === "oauth") {
    return HttpResponse.json(
      { error: "rate_limit_exceeded", error_description: "Rate limit exceeded." },
      { status: 429, headers },
    );
  }
  return toResponse(
    rpcError({
      status: "RESOURCE_EXHAUSTED",
      message:
        "Quota exceeded for quota metric 'Requests' and limit 'Requests per minute per user' of service 'dataportability.googleapis.com'.",
      reason: "RATE_LIMIT_EXCEEDED",
      domain: "googleapis.com",
      metadata: {
        service: "dataportability.googleapis.com",
        quota_limit: "RequestsPerMinutePerUser",
      },
      details: [{ "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: `${seconds}s` }],
      headers,
    }),
  );
}

function serverError(area: FaultContext["area"], status: 500 | 502 | 503 | 504): Response {
  if (area === "storage") {
    const code = status === 503 ? "ServiceUnavailable" : "InternalError";
    return storageErrorResponse({
      status,
      code,
      message: "We encountered an internal error. Please try again.",
    });
  }
  if (area === "oauth") {
    return HttpResponse.json(
      { error: "internal_failure", error_description: "Backend Error" },
      { status },
    );
  }
  const name = status === 500 ? "INTERNAL" : status === 504 ? "DEADLINE_EXCEEDED" : "UNAVAILABLE";
  const message =
    status === 500
      ? "Internal error encountered."
      : status === 504
        ? "Deadline exceeded."
        : "The service is currently unavailable.";
  return toResponse(
    rpcError({
      status: name,
      message,
      httpStatus: status,
      reason: "BACKEND_ERROR",
      domain: "googleapis.com",
    }),
  );
}
