import type { OperationId } from "@dataportability/spec";
import type { OperationName } from "../handlers/handlers.js";

/**
 * Where a fault applies: an operation (short name or id), or a whole area.
 *
 * @example
 * ```ts
 * const targets: FaultTarget[] = ["initiate", "dataportability.archiveJobs.retry", "storage"];
 * ```
 */
export type FaultTarget = OperationName | OperationId | "api" | "storage" | "oauth";

/**
 * Options every counted fault accepts.
 *
 * @example
 * ```ts
 * const burst: FaultSpec = { name: "server-error", times: 3, skip: 1, probability: 0.5, match: "api" };
 * ```
 */
export interface FaultBase {
  /** Where the fault applies; each fault has a default (see its docs). */
  readonly match?: FaultTarget | readonly FaultTarget[];
  /** How many requests it hits; default unlimited while the fault is set. */
  readonly times?: number;
  /** Let this many matching requests through before hitting. Default 0. */
  readonly skip?: number;
  /** Chance in [0, 1] that a matching request is hit, drawn from the seeded generator. Default 1. */
  readonly probability?: number;
}

/**
 * 429 with `Retry-After` (and a `RetryInfo` detail on the API). Default match: `"api"`.
 *
 * @example
 * ```ts
 * const fault: RateLimitFault = { name: "rate-limit", retryAfterSeconds: 2, times: 1 };
 * ```
 */
export interface RateLimitFault extends FaultBase {
  /** The fault's name. */
  readonly name: "rate-limit";
  /** Default 1. */
  readonly retryAfterSeconds?: number;
}

/**
 * A 5xx answer in the area's own format. Default match: `"api"`.
 *
 * @example
 * ```ts
 * const fault: ServerErrorFault = { name: "server-error", status: 503, times: 3 };
 * ```
 */
export interface ServerErrorFault extends FaultBase {
  /** The fault's name. */
  readonly name: "server-error";
  /** Default 503. */
  readonly status?: 500 | 502 | 503 | 504;
}

/**
 * An HTML error page, as a proxy or Google's front end sends. Default match: `"api"`.
 *
 * @example
 * ```ts
 * const fault: HtmlProxyPageFault = { name: "html-proxy-page", times: 1 };
 * ```
 */
export interface HtmlProxyPageFault extends FaultBase {
  /** The fault's name. */
  readonly name: "html-proxy-page";
  /** Default 502. */
  readonly status?: 500 | 502 | 503 | 504;
}

/**
 * Delays the answer (through the emulator's `sleep`). Default match: everything.
 *
 * @example
 * ```ts
 * const fault: LatencyFault = { name: "latency", ms: 50, jitterMs: 20 };
 * ```
 */
export interface LatencyFault extends FaultBase {
  /** The fault's name. */
  readonly name: "latency";
  /** Delay in milliseconds. */
  readonly ms: number;
  /** Adds a seeded random 0..jitterMs. */
  readonly jitterMs?: number;
}

/**
 * Breaks the connection after `afterBytes` bytes of a download body. Match: `"storage"`.
 *
 * @example
 * ```ts
 * const fault: ResetMidDownloadFault = { name: "reset-mid-download", afterBytes: 1024, times: 1 };
 * ```
 */
export interface ResetMidDownloadFault extends FaultBase {
  /** The fault's name. */
  readonly name: "reset-mid-download";
  /** Default: half of the body. */
  readonly afterBytes?: number;
}

/**
 * Flips one byte (XOR 0xff) of an archive download at object offset `atByte`, while the status
 * and headers (`Content-Length`, `Content-Range`, `x-goog-hash`) still describe the true object,
 * as a corrupting proxy or a bad disk would. Only downloads whose range holds that byte are hit
 * and counted; the request log's `corruptedByte` names the byte flipped. Match: `"storage"`.
 *
 * @example
 * ```ts
 * const fault: CorruptBytesFault = { name: "corrupt-bytes", atByte: 1000, times: 1 };
 * ```
 */
export interface CorruptBytesFault extends FaultBase {
  /** The fault's name. */
  readonly name: "corrupt-bytes";
  /** Offset in the object of the byte to flip. Default: the middle; past the end: the last byte. */
  readonly atByte?: number;
}

/**
 * Caps every download connection at `bytesPerSecond`, paced in real time (a virtual clock does
 * not slow it down), as one TCP connection to Cloud Storage gets only a share of a long path;
 * combined with `latency`, the emulator behaves like a distant network, where parallel ranged
 * requests pay off. Google publishes no per-connection rate: the figure is the caller's.
 * Match: `"storage"`.
 *
 * @example
 * ```ts
 * const fault: BandwidthFault = { name: "bandwidth", bytesPerSecond: 50 * 2 ** 20 };
 * ```
 */
export interface BandwidthFault extends FaultBase {
  /** The fault's name. */
  readonly name: "bandwidth";
  /** Bytes per second each connection may carry. */
  readonly bytesPerSecond: number;
}

/**
 * Signed URLs stop working `afterMs` after they were signed, long before `X-Goog-Expires`.
 *
 * @example
 * ```ts
 * const fault: EarlyUrlExpiryFault = { name: "early-url-expiry", afterMs: 60_000 };
 * ```
 */
export interface EarlyUrlExpiryFault {
  /** The fault's name. */
  readonly name: "early-url-expiry";
  /** Milliseconds after `X-Goog-Date` from which URLs are refused. */
  readonly afterMs: number;
}

/**
 * Jobs initiated (or retried) while set end FAILED instead of COMPLETE. Match: `initiate`/`retry`.
 *
 * @example
 * ```ts
 * const fault: JobFailsFault = { name: "job-fails", times: 1 };
 * ```
 */
export interface JobFailsFault extends FaultBase {
  /** The fault's name. */
  readonly name: "job-fails";
}

/**
 * A fault to inject, chosen by name; faults combine, and random ones are deterministic under the
 * emulator's seed.
 *
 * @example
 * ```ts
 * const faults: FaultSpec[] = [
 *   { name: "rate-limit", retryAfterSeconds: 2, times: 1 },
 *   { name: "server-error", status: 503, times: 3, match: "getPortabilityArchiveState" },
 *   { name: "reset-mid-download", afterBytes: 1024, times: 1 },
 *   { name: "corrupt-bytes", atByte: 1000, times: 1 },
 *   { name: "bandwidth", bytesPerSecond: 50 * 2 ** 20 },
 * ];
 * ```
 */
export type FaultSpec =
  | RateLimitFault
  | ServerErrorFault
  | HtmlProxyPageFault
  | LatencyFault
  | ResetMidDownloadFault
  | CorruptBytesFault
  | BandwidthFault
  | EarlyUrlExpiryFault
  | JobFailsFault;

/**
 * Every fault name.
 *
 * @example
 * ```ts
 * FAULT_NAMES.includes("latency"); // true
 * ```
 */
export const FAULT_NAMES = [
  "rate-limit",
  "server-error",
  "html-proxy-page",
  "latency",
  "reset-mid-download",
  "corrupt-bytes",
  "bandwidth",
  "early-url-expiry",
  "job-fails",
] as const satisfies readonly FaultSpec["name"][];

/**
 * Checks a list of faults, throwing a TypeError that names the bad fault and what is allowed.
 *
 * @example
 * ```ts
 * validateFaults([{ name: "latency", ms: 50 }]); // ok
 * validateFaults([{ name: "nope" } as never]); // throws
 * ```
 */
export function validateFaults(faults: readonly FaultSpec[]): void {
  faults.forEach((fault, i) => {
    const where = `faults[${i}]`;
    if (!FAULT_NAMES.includes(fault?.name)) {
      throw new TypeError(
        `${where}: unknown fault name ${JSON.stringify(fault?.name)}; allowed: ${FAULT_NAMES.join(", ")}`,
      );
    }
    const numbers: Array<[string, unknown, number]> = [
      ["times", (fault as FaultBase).times, 0],
      ["skip", (fault as FaultBase).skip, 0],
      ["ms", (fault as LatencyFault).ms, 0],
      ["jitterMs", (fault as LatencyFault).jitterMs, 0],
      ["afterBytes", (fault as ResetMidDownloadFault).afterBytes, 0],
      ["atByte", (fault as CorruptBytesFault).atByte, 0],
      ["afterMs", (fault as EarlyUrlExpiryFault).afterMs, 0],
      ["retryAfterSeconds", (fault as RateLimitFault).retryAfterSeconds, 0],
      ["bytesPerSecond", (fault as BandwidthFault).bytesPerSecond, 1],
    ];
    for (const [name, value, min] of numbers) {
      if (
        value !== undefined &&
        (typeof value !== "number" || Number.isNaN(value) || value < min)
      ) {
        throw new TypeError(
          `${where} (${fault.name}): ${name} must be a number >= ${min}, got ${String(value)}`,
        );
      }
    }
    const probability = (fault as FaultBase).probability;
    if (probability !== undefined && !(probability >= 0 && probability <= 1)) {
      throw new TypeError(
        `${where} (${fault.name}): probability must be between 0 and 1, got ${probability}`,
      );
    }
    if (fault.name === "corrupt-bytes" && !Number.isInteger(fault.atByte ?? 0)) {
      throw new TypeError(
        `${where} (corrupt-bytes): atByte must be a whole byte offset, got ${fault.atByte}`,
      );
    }
    if (fault.name === "latency" && typeof fault.ms !== "number") {
      throw new TypeError(`${where} (latency): ms is required`);
    }
    if (fault.name === "bandwidth" && typeof fault.bytesPerSecond !== "number") {
      throw new TypeError(`${where} (bandwidth): bytesPerSecond is required`);
    }
    if (fault.name === "early-url-expiry" && typeof fault.afterMs !== "number") {
      throw new TypeError(`${where} (early-url-expiry): afterMs is required`);
    }
  });
}
