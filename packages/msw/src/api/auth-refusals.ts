import type { OperationId, Resource } from "@dataportability/spec";
import type { OperationResult } from "../handlers/operation-handler.js";
import { type RpcErrorResult, rpcError } from "../handlers/rpc-error.js";

const RPC_METHODS: Record<OperationId, string> = {
  "dataportability.portabilityArchive.initiate": "InitiatePortabilityArchive",
  "dataportability.archiveJobs.getPortabilityArchiveState": "GetPortabilityArchiveState",
  "dataportability.archiveJobs.retry": "RetryPortabilityArchive",
  "dataportability.archiveJobs.cancel": "CancelPortabilityArchive",
  "dataportability.authorization.reset": "ResetAuthorization",
  "dataportability.accessType.check": "CheckAccessType",
};

/**
 * The 401 Google sends for a missing, unknown, revoked or expired token.
 *
 * @example
 * ```ts
 * unauthenticated("expired", "dataportability.accessType.check").status; // 401
 * ```
 */
export function unauthenticated(
  reason: "missing" | "expired" | "invalid",
  operationId: OperationId,
): OperationResult<OperationId> {
  const message =
    reason === "missing"
      ? "Request is missing required authentication credential. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project."
      : "Request had invalid authentication credentials. Expected OAuth 2 access token, login cookie or other valid authentication credential. See https://developers.google.com/identity/sign-in/web/devconsole-project.";
  return rpcError({
    status: "UNAUTHENTICATED",
    message,
    reason:
      reason === "missing"
        ? "CREDENTIALS_MISSING"
        : reason === "expired"
          ? "ACCESS_TOKEN_EXPIRED"
          : "ACCESS_TOKEN_TYPE_UNSUPPORTED",
    domain: "googleapis.com",
    metadata: {
      service: "dataportability.googleapis.com",
      method: `google.dataportability.v1.DataPortabilityService.${RPC_METHODS[operationId]}`,
    },
    headers: {
      "www-authenticate": `Bearer realm="https://accounts.google.com/"${reason === "missing" ? "" : ', error="invalid_token"'}`,
    },
  });
}

/**
 * The 403 Google sends when the token's scopes do not cover every resource the call is about:
 * the resources of an `initiate` body, or of the job a state read, `retry` or `cancel` names
 * (https://developers.google.com/data-portability/user-guide/methods: the token must carry the
 * scope of every resource group of the request).
 *
 * @example
 * ```ts
 * insufficientScopes(["myactivity.search"], "dataportability.archiveJobs.retry").status; // 403
 * ```
 */
export function insufficientScopes(
  missing: readonly Resource[],
  operationId: OperationId,
): RpcErrorResult {
  return rpcError({
    status: "PERMISSION_DENIED",
    message: `Request had insufficient authentication scopes. The token does not grant: ${missing.join(", ")}.`,
    reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
    domain: "googleapis.com",
    metadata: {
      service: "dataportability.googleapis.com",
      method: `google.dataportability.v1.DataPortabilityService.${RPC_METHODS[operationId]}`,
    },
  });
}
