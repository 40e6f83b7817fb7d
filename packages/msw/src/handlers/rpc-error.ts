import type { components } from "@dataportability/spec";

/**
 * A canonical `google.rpc.Code` name, such as `RESOURCE_EXHAUSTED`.
 *
 * @example
 * ```ts
 * const status: RpcStatusName = "RESOURCE_EXHAUSTED";
 * ```
 */
export type RpcStatusName = NonNullable<components["schemas"]["Status"]["status"]>;

/**
 * The JSON body of an error response: a `google.rpc.Status` under `error`.
 *
 * @example
 * ```ts
 * const body: ErrorResponseBody = { error: { code: 404, message: "Not found", status: "NOT_FOUND" } };
 * ```
 */
export type ErrorResponseBody = components["schemas"]["ErrorResponse"];

/**
 * One typed entry of `error.details`.
 *
 * @example
 * ```ts
 * const detail: StatusDetail = { "@type": "type.googleapis.com/google.rpc.RetryInfo", retryDelay: "2s" };
 * ```
 */
export type StatusDetail = components["schemas"]["StatusDetail"];

/**
 * The HTTP status Google's JSON APIs use for each canonical code.
 *
 * @example
 * ```ts
 * RPC_HTTP_STATUS.ALREADY_EXISTS; // 409
 * ```
 */
export const RPC_HTTP_STATUS: Readonly<Record<RpcStatusName, number>> = {
  OK: 200,
  CANCELLED: 499,
  UNKNOWN: 500,
  INVALID_ARGUMENT: 400,
  DEADLINE_EXCEEDED: 504,
  NOT_FOUND: 404,
  ALREADY_EXISTS: 409,
  PERMISSION_DENIED: 403,
  RESOURCE_EXHAUSTED: 429,
  FAILED_PRECONDITION: 400,
  ABORTED: 409,
  OUT_OF_RANGE: 400,
  UNIMPLEMENTED: 501,
  INTERNAL: 500,
  UNAVAILABLE: 503,
  DATA_LOSS: 500,
  UNAUTHENTICATED: 401,
};

/**
 * An HTTP status an error response may carry.
 *
 * @example
 * ```ts
 * const status: RpcErrorHttpStatus = 429;
 * ```
 */
export type RpcErrorHttpStatus =
  | 400
  | 401
  | 403
  | 404
  | 409
  | 429
  | 499
  | 500
  | 501
  | 502
  | 503
  | 504;

/**
 * What {@link rpcError} needs to build a `google.rpc.Status` error.
 *
 * @example
 * ```ts
 * const init: RpcErrorInit = { status: "ALREADY_EXISTS", message: "Running", reason: "ALREADY_EXISTS_ONE_TIME", metadata: { job_id: "1" } };
 * ```
 */
export interface RpcErrorInit {
  /** The canonical code name; sets the HTTP status unless `httpStatus` is given. */
  readonly status: Exclude<RpcStatusName, "OK">;
  /** `error.message`. */
  readonly message: string;
  /** `ErrorInfo.reason`; an `ErrorInfo` detail is added when set. */
  readonly reason?: string;
  /** `ErrorInfo.domain`, default `dataportability.googleapis.com`. */
  readonly domain?: string;
  /** `ErrorInfo.metadata`. */
  readonly metadata?: Readonly<Record<string, string>>;
  /** Further details after the `ErrorInfo`. */
  readonly details?: readonly StatusDetail[];
  /** Overrides the HTTP status derived from `status`. */
  readonly httpStatus?: RpcErrorHttpStatus;
  /** Extra response headers, such as `Retry-After`. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * An error response ready to send: HTTP status, JSON body and headers.
 *
 * @example
 * ```ts
 * const result: RpcErrorResult = rpcError({ status: "NOT_FOUND", message: "No such job" });
 * result.status; // 404
 * ```
 */
export interface RpcErrorResult {
  /** HTTP status. */
  readonly status: RpcErrorHttpStatus;
  /** The `{ error: Status }` JSON body. */
  readonly body: ErrorResponseBody;
  /** Extra response headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Builds an error response the way Google's APIs send one: a `google.rpc.Status` with an
 * `ErrorInfo` detail. Use it as a handler response or inside a resolver.
 *
 * @example
 * ```ts
 * handlers.initiate(
 *   rpcError({
 *     status: "RESOURCE_EXHAUSTED",
 *     message: "Resource exhausted",
 *     reason: "RESOURCE_EXHAUSTED_ONE_TIME",
 *     metadata: { previous_job_ids: "123" },
 *   }),
 * );
 * ```
 */
export function rpcError(init: RpcErrorInit): RpcErrorResult {
  const details: StatusDetail[] = [];
  if (init.reason !== undefined) {
    details.push({
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: init.reason,
      domain: init.domain ?? "dataportability.googleapis.com",
      ...(init.metadata ? { metadata: { ...init.metadata } } : {}),
    });
  }
  if (init.details) details.push(...init.details);
  const status = init.httpStatus ?? (RPC_HTTP_STATUS[init.status] as RpcErrorHttpStatus);
  return {
    status,
    body: {
      error: {
        code: status,
        message: init.message,
        status: init.status,
        ...(details.length > 0 ? { details } : {}),
      },
    },
    ...(init.headers ? { headers: { ...init.headers } } : {}),
  };
}
