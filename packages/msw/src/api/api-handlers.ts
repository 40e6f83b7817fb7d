import type { OperationId } from "@dataportability/spec";
import type { HttpHandler } from "msw";
import { type EmulatorContext, guard } from "../emulator/emulator-context.js";
import { OPERATION_NAMES } from "../handlers/handlers.js";
import {
  type OperationRequestInfo,
  type OperationResult,
  operationHandler,
  toResponse,
} from "../handlers/operation-handler.js";
import { rpcError } from "../handlers/rpc-error.js";
import type { Caller } from "./caller.js";
import type { Authentication } from "./grant-store.js";
import { initiate } from "./initiate-job.js";
import type { JobRecord } from "./job-store.js";

const RPC_METHODS: Record<OperationId, string> = {
  "dataportability.portabilityArchive.initiate": "InitiatePortabilityArchive",
  "dataportability.archiveJobs.getPortabilityArchiveState": "GetPortabilityArchiveState",
  "dataportability.archiveJobs.retry": "RetryPortabilityArchive",
  "dataportability.archiveJobs.cancel": "CancelPortabilityArchive",
  "dataportability.authorization.reset": "ResetAuthorization",
  "dataportability.accessType.check": "CheckAccessType",
};

/**
 * The access token of a request: `Authorization: Bearer …`, or the `access_token` query parameter.
 *
 * @example
 * ```ts
 * bearerToken(new Request("https://x/", { headers: { authorization: "Bearer abc" } })); // "abc"
 * ```
 */
export function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  if (header) return /^Bearer\s+(.+)$/i.exec(header.trim())?.[1];
  return new URL(request.url).searchParams.get("access_token") ?? undefined;
}

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

function notFound(id: string) {
  return rpcError({
    status: "NOT_FOUND",
    message: `Archive job ${id} was not found.`,
    reason: "JOB_NOT_FOUND",
    metadata: { job_id: id },
  });
}

function stateBody(ctx: EmulatorContext, job: JobRecord) {
  return {
    name: `archiveJobs/${job.id}/portabilityArchiveState`,
    state: job.state,
    ...(job.startTime ? { startTime: job.startTime } : {}),
    exportTime: new Date(job.exportTimeMs).toISOString(),
    ...(job.state === "COMPLETE" ? { urls: ctx.archives.signedUrls(job, ctx.clock.nowMs()) } : {}),
  };
}

/**
 * The emulator's handlers for the six API operations, with authentication, validation, the
 * one-time / time-based access rules, retries and cancellation.
 *
 * @example
 * ```ts
 * const list = apiHandlers(ctx); // six MSW handlers
 * ```
 */
export function apiHandlers(ctx: EmulatorContext): HttpHandler[] {
  const rule = {
    completeAfterPolls: ctx.options.completeAfterPolls,
    completeAfterMs: ctx.options.completeAfterMs,
  };
  const handle = <Id extends OperationId>(
    operationId: Id,
    answer: (
      info: OperationRequestInfo<Id>,
      caller: Caller,
    ) => OperationResult<Id> | Promise<OperationResult<Id>>,
  ) =>
    operationHandler(
      operationId,
      (info) =>
        guard(ctx, info.request, "api", operationId, operationId, async () => {
          const auth: Authentication = ctx.grants.authenticate(
            bearerToken(info.request),
            ctx.clock.nowMs(),
          );
          if (!auth.ok) return toResponse(unauthenticated(auth.reason, operationId));
          return toResponse(await answer(info, auth));
        }),
      { baseUrl: ctx.options.apiUrl },
    );
  const ownJob = (caller: Caller, id: string, poll: boolean): JobRecord | undefined => {
    const job = ctx.jobs.get(id);
    if (!job || job.user !== caller.user) return undefined;
    ctx.jobs.settle(job, ctx.clock.nowMs(), poll, rule);
    return job;
  };

  return [
    handle(OPERATION_NAMES.initiate, async ({ request }, caller) =>
      initiate(ctx, caller, await request.text()),
    ),
    handle(OPERATION_NAMES.getPortabilityArchiveState, ({ params }, caller) => {
      const job = ownJob(caller, params.archiveJobsId, true);
      return job ? { body: stateBody(ctx, job) } : notFound(params.archiveJobsId);
    }),
    handle(OPERATION_NAMES.retry, ({ params }, caller) => {
      const job = ownJob(caller, params.archiveJobsId, false);
      if (!job) return notFound(params.archiveJobsId);
      if (job.state !== "FAILED") {
        return rpcError({
          status: "FAILED_PRECONDITION",
          message: `Archive job ${job.id} is ${job.state}; only FAILED jobs can be retried.`,
          reason: "JOB_NOT_FAILED",
          metadata: { job_id: job.id, state: job.state },
        });
      }
      const root = ctx.jobs.get(job.rootId) ?? job;
      if (root.retries >= ctx.options.maxRetries) {
        return rpcError({
          status: "FAILED_PRECONDITION",
          message: `Archive job ${root.id} was already retried ${root.retries} times; ask the user for new consent.`,
          reason: "RETRY_LIMIT_EXCEEDED",
          metadata: { job_id: root.id, retries: String(root.retries) },
        });
      }
      root.retries += 1;
      const now = ctx.clock.nowMs();
      const next = ctx.jobs.create({
        user: job.user,
        grantId: caller.grant.id,
        resources: job.resources,
        accessType: job.accessType,
        ...(job.startTime ? { startTime: job.startTime } : {}),
        ...(job.endTime ? { endTime: job.endTime } : {}),
        exportTimeMs: job.endTime ? job.exportTimeMs : now,
        createdAtMs: now,
        rootId: root.id,
        retryOf: job.id,
        willFail: ctx.faults.jobFails(OPERATION_NAMES.retry),
      });
      return { body: { archiveJobId: next.id } };
    }),
    handle(OPERATION_NAMES.cancel, ({ params }, caller) => {
      const job = ownJob(caller, params.archiveJobsId, false);
      if (!job) return notFound(params.archiveJobsId);
      if (job.state !== "IN_PROGRESS") {
        return rpcError({
          status: "FAILED_PRECONDITION",
          message: `Archive job ${job.id} is ${job.state}; only IN_PROGRESS jobs can be cancelled.`,
          reason: "JOB_NOT_IN_PROGRESS",
          metadata: { job_id: job.id, state: job.state },
        });
      }
      ctx.jobs.finish(job, "CANCELLED", ctx.clock.nowMs());
      return { body: {} };
    }),
    handle(OPERATION_NAMES.resetAuthorization, (_info, caller) => {
      for (const grant of [...caller.user.grants]) ctx.grants.revoke(grant);
      caller.user.oneTimeUsed.clear();
      caller.user.timeBasedLast.clear();
      return { body: {} };
    }),
    handle(OPERATION_NAMES.checkAccessType, (_info, { grant }) => {
      const resources = [...grant.resources].sort();
      return {
        body:
          grant.accessType === "ONE_TIME"
            ? { oneTimeResources: resources }
            : { timeBasedResources: resources },
      };
    }),
  ];
}
