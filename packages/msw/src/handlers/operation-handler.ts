import type { OperationId, operations } from "@dataportability/spec";
import { type HttpHandler, HttpResponse, http } from "msw";
import { DEFAULT_API_URL, OperationPath } from "./operation-path.js";
import type { ErrorResponseBody, RpcErrorHttpStatus } from "./rpc-error.js";

/**
 * The JSON body of an operation's 200 response.
 *
 * @example
 * ```ts
 * const body: OperationSuccessBody<"dataportability.portabilityArchive.initiate"> = { archiveJobId: "1" };
 * ```
 */
export type OperationSuccessBody<Id extends OperationId> =
  operations[Id]["responses"][200]["content"]["application/json"];

/**
 * The JSON request body of an operation (`undefined` for GET operations).
 *
 * @example
 * ```ts
 * const body: OperationRequestBody<"dataportability.portabilityArchive.initiate"> = { resources: ["myactivity.youtube"] };
 * ```
 */
export type OperationRequestBody<Id extends OperationId> =
  NonNullable<operations[Id]["requestBody"]> extends never
    ? undefined
    : NonNullable<operations[Id]["requestBody"]>["content"]["application/json"];

/**
 * The path parameters of an operation.
 *
 * @example
 * ```ts
 * const params: OperationParams<"dataportability.archiveJobs.retry"> = { archiveJobsId: "123" };
 * ```
 */
export type OperationParams<Id extends OperationId> =
  NonNullable<operations[Id]["parameters"]["path"]> extends never
    ? Record<string, never>
    : NonNullable<operations[Id]["parameters"]["path"]>;

/**
 * A typed response of an operation: its 200 body, or an error body with an error status.
 *
 * @example
 * ```ts
 * const result: OperationResult<"dataportability.archiveJobs.cancel"> = { body: {} };
 * ```
 */
export type OperationResult<Id extends OperationId> =
  | {
      /** 200, the default. */
      readonly status?: 200;
      /** The operation's success body. */
      readonly body: OperationSuccessBody<Id>;
      /** Extra response headers. */
      readonly headers?: Readonly<Record<string, string>>;
    }
  | {
      /** An error status. */
      readonly status: RpcErrorHttpStatus;
      /** A `google.rpc.Status` error body, e.g. from `rpcError`. */
      readonly body: ErrorResponseBody;
      /** Extra response headers, such as `Retry-After`. */
      readonly headers?: Readonly<Record<string, string>>;
    };

/**
 * What a resolver receives. `body` is the parsed JSON body (unvalidated), if any.
 *
 * @example
 * ```ts
 * handlers.retry((info: OperationRequestInfo<"dataportability.archiveJobs.retry">) => ({ body: { archiveJobId: `${info.params.archiveJobsId}0` } }));
 * ```
 */
export interface OperationRequestInfo<Id extends OperationId> {
  /** The intercepted request. */
  readonly request: Request;
  /** Path parameters, such as `archiveJobsId`. */
  readonly params: OperationParams<Id>;
  /** The parsed JSON body, unvalidated; undefined when absent or not JSON. */
  readonly body: OperationRequestBody<Id> | undefined;
  /** The operation being answered. */
  readonly operationId: Id;
}

/**
 * Computes a response per request: a typed result, or any `Response` (for raw cases).
 *
 * @example
 * ```ts
 * const resolver: OperationResolver<"dataportability.accessType.check"> = () => ({ body: { oneTimeResources: ["myactivity.youtube"] } });
 * ```
 */
export type OperationResolver<Id extends OperationId> = (
  info: OperationRequestInfo<Id>,
) => OperationResult<Id> | Response | Promise<OperationResult<Id> | Response>;

/**
 * Options of {@link operationHandler}.
 *
 * @example
 * ```ts
 * handlers.initiate({ body: { archiveJobId: "1" } }, { baseUrl: "http://127.0.0.1:8080", once: true });
 * ```
 */
export interface OperationHandlerOptions {
  /** API base URL, default `https://dataportability.googleapis.com`. */
  readonly baseUrl?: string;
  /** Answer only the first matching request (MSW's `once`). */
  readonly once?: boolean;
}

/**
 * An MSW handler for one API operation, typed from the spec: give a fixed result or a resolver.
 * Custom-method paths (`…:retry`) are matched literally. Works with `setupServer` and
 * `setupWorker`.
 *
 * @example
 * ```ts
 * const server = setupServer(
 *   operationHandler("dataportability.archiveJobs.getPortabilityArchiveState", ({ params }) => ({
 *     body: { name: `archiveJobs/${params.archiveJobsId}/portabilityArchiveState`, state: "IN_PROGRESS" },
 *   })),
 * );
 * ```
 */
export function operationHandler<Id extends OperationId>(
  operationId: Id,
  response: OperationResult<Id> | OperationResolver<Id>,
  options: OperationHandlerOptions = {},
): HttpHandler {
  const path = new OperationPath(operationId, options.baseUrl ?? DEFAULT_API_URL);
  const method = path.method.toLowerCase() as "get" | "post";
  return http[method](
    ({ request }) => {
      const params = path.match(new URL(request.url));
      return params ? { matches: true, params } : false;
    },
    async ({ request, params }) => {
      const result =
        typeof response === "function"
          ? await response({
              request,
              params: params as OperationParams<Id>,
              body: (await readJson(request)) as OperationRequestBody<Id> | undefined,
              operationId,
            })
          : response;
      return result instanceof Response ? result : toResponse(result);
    },
    options.once === true ? { once: true } : undefined,
  );
}

/**
 * Turns a typed result into a JSON `Response`. Every answer carries
 * `x-dataportability-emulator: 1`, by which clients tell the emulator from Google (the CLI
 * polls it sub-second); Google sends no such header.
 *
 * @example
 * ```ts
 * toResponse({ body: { archiveJobId: "1" } }).status; // 200
 * ```
 */
export function toResponse(result: {
  readonly status?: number;
  readonly body: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}): Response {
  return HttpResponse.json(result.body as never, {
    status: result.status ?? 200,
    headers: {
      "content-type": "application/json; charset=UTF-8",
      "x-dataportability-emulator": "1",
      ...result.headers,
    },
  });
}

async function readJson(request: Request): Promise<unknown> {
  if (request.method === "GET" || request.method === "HEAD") return undefined;
  const text = await request.clone().text();
  if (text.trim() === "") return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
