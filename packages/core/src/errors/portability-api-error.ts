import type { components } from "@dataportability/spec";
import { PortabilityError } from "./portability-error.js";

/**
 * A `google.rpc.Code` name such as `RESOURCE_EXHAUSTED`: the codes known today complete in
 * editors, and a newer one still type-checks as a string.
 *
 * @example
 * ```ts
 * const retryable = (code: ApiErrorCode) => code === "UNAVAILABLE" || code === "DEADLINE_EXCEEDED";
 * ```
 */
export type ApiErrorCode = NonNullable<components["schemas"]["Status"]["status"]> | (string & {});

/**
 * An `ErrorInfo.reason` of the Data Portability API: the reasons seen today complete in
 * editors, and any other (Google's generic ones such as `ACCESS_TOKEN_EXPIRED`, or newer ones)
 * still type-checks as a string.
 *
 * @example
 * ```ts
 * const usedUp = (reason: ApiErrorReason | undefined) => reason?.startsWith("RESOURCE_EXHAUSTED_");
 * ```
 */
export type ApiErrorReason =
  | "RESOURCE_EXHAUSTED_ONE_TIME"
  | "RESOURCE_EXHAUSTED_TIME_BASED"
  | "ALREADY_EXISTS_ONE_TIME"
  | "ALREADY_EXISTS_TIME_BASED"
  | (string & {});

const CODES: Record<number, string> = {
  400: "INVALID_ARGUMENT",
  401: "UNAUTHENTICATED",
  403: "PERMISSION_DENIED",
  404: "NOT_FOUND",
  409: "ALREADY_EXISTS",
  429: "RESOURCE_EXHAUSTED",
  500: "INTERNAL",
  503: "UNAVAILABLE",
  504: "DEADLINE_EXCEEDED",
};

/**
 * What a {@link PortabilityApiError} is built from: the parts of a `google.rpc.Status`.
 *
 * @example
 * ```ts
 * const init: PortabilityApiErrorInit = { httpStatus: 404, message: "Not found" };
 * ```
 */
export interface PortabilityApiErrorInit {
  /** The HTTP status of the answer, e.g. 429. */
  httpStatus: number;
  /** The `google.rpc.Code` name; derived from `httpStatus` when absent. */
  code?: string | undefined;
  /** The `google.rpc.Status` message, as sent. */
  message: string;
  /** `error.details` as sent: `ErrorInfo`, `RetryInfo`, `BadRequest`, `Help`, ... */
  details?: readonly unknown[] | undefined;
  /** How long the server asked us to wait (`Retry-After` or `RetryInfo`). */
  retryAfterMs?: number | undefined;
  /** The client method that failed, e.g. `initiateArchive`. */
  operation?: string | undefined;
}

interface ErrorInfoDetail {
  "@type": string;
  reason?: string;
  domain?: string;
  metadata?: Record<string, string>;
}

const isErrorInfo = (detail: unknown): detail is ErrorInfoDetail =>
  String((detail as ErrorInfoDetail | null)?.["@type"]).endsWith("google.rpc.ErrorInfo");

/**
 * An error answer of the Data Portability API (`google.rpc.Status`), typed, with helpers for
 * the cases users must act on. Holds no token and serializes safely.
 *
 * @example
 * ```ts
 * try {
 *   await client.initiateArchive({ resources: ["myactivity.youtube"] });
 * } catch (error) {
 *   if (error instanceof PortabilityApiError && error.isOneTimeExhausted) {
 *     console.log("Ask the user for a new consent; earlier jobs:", error.previousJobIds);
 *   } else if (error instanceof PortabilityApiError && error.nextAllowedAt) {
 *     console.log("Next export allowed at", error.nextAllowedAt.toISOString());
 *   }
 * }
 * ```
 */
export class PortabilityApiError extends PortabilityError {
  override readonly name = "PortabilityApiError";
  /** The HTTP status, e.g. 429. */
  readonly httpStatus: number;
  /** The `google.rpc.Code` name, e.g. `RESOURCE_EXHAUSTED`. */
  readonly code: ApiErrorCode;
  /** The `ErrorInfo.reason`, e.g. `RESOURCE_EXHAUSTED_ONE_TIME`. */
  readonly reason: ApiErrorReason | undefined;
  /** The `ErrorInfo.metadata`, e.g. `{ job_id: "..." }`. */
  readonly metadata: Readonly<Record<string, string>>;
  /** Every entry of `error.details`, as sent. */
  readonly details: readonly unknown[];
  /** The server-suggested wait before trying again, in milliseconds. */
  readonly retryAfterMs: number | undefined;
  /** The client method that failed. */
  readonly operation: string | undefined;
  /** The server's own words (`google.rpc.Status.message`), without the operation and status. */
  readonly serverMessage: string;

  constructor(init: PortabilityApiErrorInit) {
    const code = init.code ?? CODES[init.httpStatus] ?? "UNKNOWN";
    super(
      `${init.operation ? `${init.operation}: ` : ""}${init.httpStatus} ${code}: ${init.message}`,
    );
    const details = init.details ?? [];
    const info = details.find(isErrorInfo);
    this.httpStatus = init.httpStatus;
    this.code = code;
    this.reason = info?.reason;
    this.metadata = { ...info?.metadata };
    this.details = details;
    this.retryAfterMs = init.retryAfterMs;
    this.operation = init.operation;
    this.serverMessage = init.message;
  }

  /** The one-time export of this consent was used: a new consent (and `resetAuthorization`) is needed. */
  get isOneTimeExhausted(): boolean {
    return this.reason === "RESOURCE_EXHAUSTED_ONE_TIME";
  }

  /**
   * The 24-hour limit of time-based access was met: a 429 `RESOURCE_EXHAUSTED_TIME_BASED`, or
   * the `FAILED_PRECONDITION` answer to an initiate that Google's time-based guide describes for
   * the same case.
   */
  get isTimeBasedExhausted(): boolean {
    return (
      this.reason === "RESOURCE_EXHAUSTED_TIME_BASED" ||
      (this.code === "FAILED_PRECONDITION" && this.operation === "initiateArchive")
    );
  }

  /**
   * When the next time-based export is allowed (`timestamp_after_24hrs`, on either form of the
   * refusal); `undefined` when the answer does not say, as in Google's FAILED_PRECONDITION
   * example (`nextExportAllowedAt` can count 24 hours from the previous export then).
   */
  get nextAllowedAt(): Date | undefined {
    const raw = this.metadata["timestamp_after_24hrs"]?.trim();
    // Seen both as epoch seconds and as RFC 3339.
    const date = new Date(Number(raw) * 1000 || raw!);
    return Number.isNaN(+date) ? undefined : date;
  }

  /** The jobs that used up the access (`previous_job_ids`). */
  get previousJobIds(): string[] {
    return this.metadata["previous_job_ids"]?.match(/[^,\s]+/g) ?? [];
  }

  /** The job already running for the same request (`ALREADY_EXISTS`, metadata `job_id`). */
  get existingJobId(): string | undefined {
    return this.metadata["job_id"] || undefined;
  }

  /** Whether trying again later may succeed (429 other than an exhausted quota, or 5xx). */
  get isTransient(): boolean {
    if (this.httpStatus === 429) return !this.reason?.startsWith("RESOURCE_EXHAUSTED_");
    return this.httpStatus >= 500;
  }

  /** A plain, token-free object for logs and `JSON.stringify`. */
  toJSON(): object {
    return { ...this, message: this.message };
  }
}
