import type { OperationId } from "@dataportability/spec";
import type { HttpHandler } from "msw";
import {
  type OperationHandlerOptions,
  type OperationResolver,
  type OperationResult,
  operationHandler,
} from "./operation-handler.js";

/**
 * Short names of the API's operations, as used by {@link handlers} and fault `match`.
 *
 * @example
 * ```ts
 * OPERATION_NAMES.retry; // "dataportability.archiveJobs.retry"
 * ```
 */
export const OPERATION_NAMES = {
  initiate: "dataportability.portabilityArchive.initiate",
  getPortabilityArchiveState: "dataportability.archiveJobs.getPortabilityArchiveState",
  retry: "dataportability.archiveJobs.retry",
  cancel: "dataportability.archiveJobs.cancel",
  resetAuthorization: "dataportability.authorization.reset",
  checkAccessType: "dataportability.accessType.check",
} as const satisfies Record<string, OperationId>;

/**
 * A short operation name such as `initiate` or `retry`.
 *
 * @example
 * ```ts
 * const name: OperationName = "getPortabilityArchiveState";
 * ```
 */
export type OperationName = keyof typeof OPERATION_NAMES;

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
export const handlers: {
  readonly initiate: OperationHandlerFactory<typeof OPERATION_NAMES.initiate>;
  readonly getPortabilityArchiveState: OperationHandlerFactory<
    typeof OPERATION_NAMES.getPortabilityArchiveState
  >;
  readonly retry: OperationHandlerFactory<typeof OPERATION_NAMES.retry>;
  readonly cancel: OperationHandlerFactory<typeof OPERATION_NAMES.cancel>;
  readonly resetAuthorization: OperationHandlerFactory<typeof OPERATION_NAMES.resetAuthorization>;
  readonly checkAccessType: OperationHandlerFactory<typeof OPERATION_NAMES.checkAccessType>;
} = {
  initiate: factory(OPERATION_NAMES.initiate),
  getPortabilityArchiveState: factory(OPERATION_NAMES.getPortabilityArchiveState),
  retry: factory(OPERATION_NAMES.retry),
  cancel: factory(OPERATION_NAMES.cancel),
  resetAuthorization: factory(OPERATION_NAMES.resetAuthorization),
  checkAccessType: factory(OPERATION_NAMES.checkAccessType),
};
