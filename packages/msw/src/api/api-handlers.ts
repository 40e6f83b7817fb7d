import type { OperationId } from "@dataportability/spec";
import type { HttpHandler } from "msw";
import { formatTimestamp } from "../clock/rfc3339.js";
import { type EmulatorContext, guard } from "../emulator/emulator-context.js";
import { OPERATION_NAMES } from "../handlers/handlers.js";
import {
  type OperationRequestInfo,
  type OperationResult,
  operationHandler,
  toResponse,
} from "../handlers/operation-handler.js";
import { type RpcErrorResult, rpcError } from "../handlers/rpc-error.js";
import { insufficientScopes, unauthenticated } from "./auth-refusals.js";
import type { Caller } from "./caller.js";
import { type Authentication, accessTypeOf } from "./grant-store.js";
import { initiate } from "./initiate-job.js";
import type { JobRecord } from "./job-store.js";

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

// Google publishes no body for an unknown job: this 404 and its reason are the emulator's.
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
    // Set to the request's endTime when it had one (REST reference), else to when it started.
    exportTime: job.endTime ?? formatTimestamp(job.exportTimeMs),
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
  // A job the caller may act on: its own user's, not revoked by a reset, and every resource of
  // it covered by the token's scopes; otherwise the refusal to answer with.
  const ownJob = <Id extends OperationId>(
    caller: Caller,
    id: string,
    operationId: Id,
    poll: boolean,
  ): { job: JobRecord } | { refusal: RpcErrorResult } => {
    const job = ctx.jobs.get(id);
    if (!job || job.user !== caller.user || job.revokedAtMs !== undefined) {
      return { refusal: notFound(id) };
    }
    const missing = job.resources.filter((r) => !caller.grant.resources.has(r));
    if (missing.length > 0) {
      return { refusal: insufficientScopes(missing, operationId) };
    }
    ctx.jobs.settle(job, ctx.clock.nowMs(), poll, rule);
    return { job };
  };

  return [
    handle(OPERATION_NAMES.initiate, async ({ request }, caller) =>
      initiate(ctx, caller, await request.text()),
    ),
    handle(OPERATION_NAMES.getPortabilityArchiveState, ({ params }, caller) => {
      const found = ownJob(
        caller,
        params.archiveJobsId,
        OPERATION_NAMES.getPortabilityArchiveState,
        true,
      );
      return "refusal" in found ? found.refusal : { body: stateBody(ctx, found.job) };
    }),
    handle(OPERATION_NAMES.retry, ({ params }, caller) => {
      const found = ownJob(caller, params.archiveJobsId, OPERATION_NAMES.retry, false);
      if ("refusal" in found) return found.refusal;
      const job = found.job;
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
      const found = ownJob(caller, params.archiveJobsId, OPERATION_NAMES.cancel, false);
      if ("refusal" in found) return found.refusal;
      const job = found.job;
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
      ctx.jobs.revokeUser(caller.user, ctx.clock.nowMs());
      caller.user.oneTimeUsed.clear();
      caller.user.timeBasedLast.clear();
      return { body: {} };
    }),
    handle(OPERATION_NAMES.checkAccessType, (_info, { grant }) => {
      const resources = [...grant.resources].sort();
      const oneTime = resources.filter((r) => accessTypeOf(grant, r) === "ONE_TIME");
      const timeBased = resources.filter((r) => accessTypeOf(grant, r) === "TIME_BASED");
      // An empty list is left out, as proto3 JSON leaves out empty repeated fields.
      return {
        body: {
          ...(oneTime.length > 0 ? { oneTimeResources: oneTime } : {}),
          ...(timeBased.length > 0 ? { timeBasedResources: timeBased } : {}),
        },
      };
    }),
  ];
}
