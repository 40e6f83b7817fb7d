export type { ByteRange } from "./byte-range.js";
export { parseByteRange } from "./byte-range.js";
export { createEmulator } from "./create-emulator.js";
export type {
  Emulator,
  ExpectedArchive,
  IssuedToken,
  IssueTokenOptions,
  JobSnapshot,
} from "./emulator.js";
export type { ConsentScript, EmulatorOptions } from "./emulator-options.js";
export type { FaultContext, RequestArea } from "./fault-injector.js";
export type {
  CorruptBytesFault,
  EarlyUrlExpiryFault,
  FaultBase,
  FaultSpec,
  FaultTarget,
  HtmlProxyPageFault,
  JobFailsFault,
  LatencyFault,
  RateLimitFault,
  ResetMidDownloadFault,
  ServerErrorFault,
} from "./fault-spec.js";
export { FAULT_NAMES, validateFaults } from "./fault-spec.js";
export type { AccessType } from "./grant-store.js";
export type {
  OperationHandlerFactory,
  OperationHandlers,
  OperationName,
  OperationNames,
} from "./handlers.js";
export { handlers, OPERATION_NAMES } from "./handlers.js";
export type { JobState } from "./job-store.js";
export { pkceChallenge } from "./oauth-codes.js";
export { EMULATOR_GRANT_TYPE } from "./oauth-handlers.js";
export type {
  OperationHandlerOptions,
  OperationParams,
  OperationRequestBody,
  OperationRequestInfo,
  OperationResolver,
  OperationResult,
  OperationSuccessBody,
} from "./operation-handler.js";
export { operationHandler } from "./operation-handler.js";
export type { RequestLogEntry } from "./request-log.js";
export type {
  ErrorResponseBody,
  RpcErrorHttpStatus,
  RpcErrorInit,
  RpcErrorResult,
  RpcStatusName,
  StatusDetail,
} from "./rpc-error.js";
export { RPC_HTTP_STATUS, rpcError } from "./rpc-error.js";
export type { Scenario, ScenarioName } from "./scenarios.js";
export { SCENARIOS } from "./scenarios.js";
export { SIGNED_URL_TTL_SECONDS } from "./signed-url.js";
export { ConnectionResetError } from "./storage-handlers.js";
export type { VirtualClockOptions } from "./virtual-clock.js";
export { VirtualClock } from "./virtual-clock.js";
