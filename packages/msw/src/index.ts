export type { AccessType } from "./api/grant-store.js";
export type { JobState } from "./api/job-store.js";
export type { VirtualClockOptions } from "./clock/virtual-clock.js";
export { VirtualClock } from "./clock/virtual-clock.js";
export { createEmulator } from "./emulator/create-emulator.js";
export type {
  Emulator,
  ExpectedArchive,
  IssuedToken,
  IssueTokenOptions,
  JobSnapshot,
} from "./emulator/emulator.js";
export type {
  ConsentScript,
  EmulatorOptions,
  TimeBasedRefusal,
} from "./emulator/emulator-options.js";
export type { RequestArea } from "./emulator/request-area.js";
export type { RequestLogEntry } from "./emulator/request-log.js";
export type { FaultContext } from "./faults/fault-injector.js";
export type {
  BandwidthFault,
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
} from "./faults/fault-spec.js";
export { FAULT_NAMES, validateFaults } from "./faults/fault-spec.js";
export type { Scenario, ScenarioName } from "./faults/scenarios.js";
export { SCENARIOS } from "./faults/scenarios.js";
export type {
  OperationHandlerFactory,
  OperationHandlers,
  OperationName,
  OperationNames,
} from "./handlers/handlers.js";
export { handlers, OPERATION_NAMES } from "./handlers/handlers.js";
export type {
  OperationHandlerOptions,
  OperationParams,
  OperationRequestBody,
  OperationRequestInfo,
  OperationResolver,
  OperationResult,
  OperationSuccessBody,
} from "./handlers/operation-handler.js";
export { operationHandler } from "./handlers/operation-handler.js";
export type {
  ErrorResponseBody,
  RpcErrorHttpStatus,
  RpcErrorInit,
  RpcErrorResult,
  RpcStatusName,
  StatusDetail,
} from "./handlers/rpc-error.js";
export { RPC_HTTP_STATUS, rpcError } from "./handlers/rpc-error.js";
export { pkceChallenge } from "./oauth/oauth-codes.js";
export { EMULATOR_GRANT_TYPE } from "./oauth/oauth-handlers.js";
export type { ByteRange } from "./storage/byte-range.js";
export { parseByteRange } from "./storage/byte-range.js";
export { SIGNED_URL_TTL_SECONDS } from "./storage/signed-url.js";
export { ConnectionResetError } from "./storage/storage-handlers.js";
