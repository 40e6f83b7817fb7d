import type { OperationId } from "@dataportability/spec";
import type { HttpHandler } from "msw";
import {
  type OperationHandlerOptions,
  type OperationResolver,
  type OperationResult,
  operationHandler,
} from "./operation-handler.js";

/**
 * Short names of the API's operations and the operation IDs they stand for.
 *
 * @example
 * ```ts
 * const names: OperationNames = OPERATION_NAMES;
 * ```
 */
export interface OperationNames {
  /** `POST /v1/portabilityArchive:initiate` */
  readonly initiate: "dataportability.portabilityArchive.initiate";
  /** `GET /v1/archiveJobs/{archiveJobsId}/portabilityArchiveState` */
  readonly getPortabilityArchiveState: "dataportability.archiveJobs.getPortabilityArchiveState";
  /** `POST /v1/archiveJobs/{archiveJobsId}:retry` */
  readonly retry: "dataportability.archiveJobs.retry";
  /** `POST /v1/archiveJobs/{archiveJobsId}:cancel` */
  readonly cancel: "dataportability.archiveJobs.cancel";
  /** `POST /v1/authorization:reset` */
  readonly resetAuthorization: "dataportability.authorization.reset";
  /** `POST /v1/accessType:check` */
  readonly checkAccessType: "dataportability.accessType.check";
}

/**
 * Short names of the API's operations, as used by {@link handlers} and fault `match`.
 *
 * @example
 * ```ts
 * OPERATION_NAMES.retry; // "dataportability.archiveJobs.retry"
 * ```
 */
export const OPERATION_NAMES: OperationNames = {
  initiate: "dataportability.portabilityArchive.initiate",
  getPortabilityArchiveState: "dataportability.archiveJobs.getPortabilityArchiveState",
  retry: "dataportability.archiveJobs.retry",
  cancel: "dataportability.archiveJobs.cancel",
  resetAuthorization: "dataportability.authorization.reset",
  checkAccessType: "dataportability.accessType.check",
};

/**
 * A short operation name such as `initiate` or `retry`.
 *
 * @example
 * ```ts
 * const name: OperationName = "getPortabilityArchiveState";
 * ```
 */
export type OperationName = keyof OperationNames;

/**
 * A handler factory for one operation.
 *
 * @example
 * ```ts
 * const factory: OperationHandlerFactory<"dataportability.archiveJobs.cancel"> = handlers.cancel;
 * factory({ body: {} });
 * ```
 */
export type OperationHandlerFactory<Id extends OperationId> = (
  response: OperationResult<Id> | OperationResolver<Id>,
  options?: OperationHandlerOptions,
) => HttpHandler;

/**
 * The typed handler factories of {@link handlers}, one per operation.
 *
 * @example
 * ```ts
 * const factories: OperationHandlers = handlers;
 * ```
 */
export interface OperationHandlers {
  /** Handler for `portabilityArchive.initiate`. */
  readonly initiate: OperationHandlerFactory<OperationNames["initiate"]>;
  /** Handler for `archiveJobs.getPortabilityArchiveState`. */
  readonly getPortabilityArchiveState: OperationHandlerFactory<
    OperationNames["getPortabilityArchiveState"]
  >;
  /** Handler for `archiveJobs.retry`. */
  readonly retry: OperationHandlerFactory<OperationNames["retry"]>;
  /** Handler for `archiveJobs.cancel`. */
  readonly cancel: OperationHandlerFactory<OperationNames["cancel"]>;
  /** Handler for `authorization.reset`. */
  readonly resetAuthorization: OperationHandlerFactory<OperationNames["resetAuthorization"]>;
  /** Handler for `accessType.check`. */
  readonly checkAccessType: OperationHandlerFactory<OperationNames["checkAccessType"]>;
}

function factory<Id extends OperationId>(operationId: Id): OperationHandlerFactory<Id> {
  return (response, options) => operationHandler(operationId, response, options);
}

/**
 * One typed MSW handler factory per API operation, for tests that script answers by hand.
 * Each takes a fixed result (`{ body }` or an error from `rpcError`) or a resolver.
 *
 * @example
 * ```ts
 * import { setupServer } from "msw/node";
 * const server = setupServer(
 *   handlers.initiate({ body: { archiveJobId: "123", accessType: "ACCESS_TYPE_ONE_TIME" } }),
 *   handlers.getPortabilityArchiveState(({ params }) => ({
 *     body: { name: `archiveJobs/${params.archiveJobsId}/portabilityArchiveState`, state: "COMPLETE", urls: [] },
 *   })),
 * );
 * ```
 */
export const handlers: OperationHandlers = {
  initiate: factory(OPERATION_NAMES.initiate),
  getPortabilityArchiveState: factory(OPERATION_NAMES.getPortabilityArchiveState),
  retry: factory(OPERATION_NAMES.retry),
  cancel: factory(OPERATION_NAMES.cancel),
  resetAuthorization: factory(OPERATION_NAMES.resetAuthorization),
  checkAccessType: factory(OPERATION_NAMES.checkAccessType),
};
