import type { OperationId } from "@dataportability/spec";
import type { RequestArea } from "../emulator/request-area.js";
import { SeededRandom } from "../emulator/seeded-random.js";
import { OPERATION_NAMES } from "../handlers/handlers.js";
import { htmlErrorPage, rateLimited, serverError } from "./fault-responses.js";
import type { CorruptBytesFault, FaultBase, FaultSpec, FaultTarget } from "./fault-spec.js";
import { validateFaults } from "./fault-spec.js";

/**
 * What a fault is matched against.
 *
 * @example
 * ```ts
 * const context: FaultContext = { area: "api", operationId: "dataportability.portabilityArchive.initiate" };
 * ```
 */
export interface FaultContext {
  /** The part of the emulator hit. */
  readonly area: RequestArea;
  /** The API operation, for API requests. */
  readonly operationId?: OperationId;
}

const DEFAULT_MATCH: Record<FaultSpec["name"], readonly FaultTarget[]> = {
  "rate-limit": ["api"],
  "server-error": ["api"],
  "html-proxy-page": ["api"],
  latency: ["api", "storage", "oauth"],
  "reset-mid-download": ["storage"],
  "corrupt-bytes": ["storage"],
  bandwidth: ["storage"],
  "early-url-expiry": ["storage"],
  "job-fails": ["initiate", "retry"],
};

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
    applies: (fault: Extract<FaultSpec, { name: N }>) => boolean = () => true,
  ): Extract<FaultSpec, { name: N }> | undefined {
    for (let i = 0; i < this.#faults.length; i++) {
      const fault = this.#faults[i]!;
      if (fault.name !== name || !matches(fault, ctx)) continue;
      if (!applies(fault as Extract<FaultSpec, { name: N }>)) continue;
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
    if (page) return htmlErrorPage(page.status ?? 502);
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
   * The rate a `bandwidth` fault caps this download's connection at, in bytes per second.
   *
   * @example
   * ```ts
   * new FaultInjector(1, [{ name: "bandwidth", bytesPerSecond: 1000 }]).bandwidth({ area: "storage" }); // 1000
   * ```
   */
  bandwidth(ctx: FaultContext): number | undefined {
    return this.#take("bandwidth", ctx)?.bytesPerSecond;
  }

  /**
   * The object offset of the byte a `corrupt-bytes` fault flips in a download of bytes
   * [start, end) of an object of `size` bytes, if one hits it. A download that does not carry
   * the fault's byte is neither hit nor counted.
   *
   * @example
   * ```ts
   * const faults = new FaultInjector(1, [{ name: "corrupt-bytes", atByte: 10 }]);
   * faults.corruptAt({ area: "storage" }, 100, 0, 100); // 10
   * faults.corruptAt({ area: "storage" }, 100, 50, 100); // undefined
   * ```
   */
  corruptAt(ctx: FaultContext, size: number, start: number, end: number): number | undefined {
    if (size === 0) return undefined;
    const offset = (fault: CorruptBytesFault) =>
      Math.min(fault.atByte ?? Math.floor(size / 2), size - 1);
    const fault = this.#take("corrupt-bytes", ctx, (f) => {
      const at = offset(f);
      return at >= start && at < end;
    });
    return fault && offset(fault);
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
