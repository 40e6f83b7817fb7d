import type { Resource } from "@dataportability/spec";
import { formatTimestamp } from "../clock/rfc3339.js";
import type { EmulatorContext } from "../emulator/emulator-context.js";
import type { TimeBasedRefusal } from "../emulator/emulator-options.js";
import { OPERATION_NAMES } from "../handlers/handlers.js";
import type { OperationResult } from "../handlers/operation-handler.js";
import { rpcError } from "../handlers/rpc-error.js";
import { insufficientScopes } from "./auth-refusals.js";
import type { Caller } from "./caller.js";
import { type AccessType, accessTypeOf } from "./grant-store.js";
import { validateInitiateRequest } from "./initiate-request.js";
import { jobKey } from "./job-store.js";

const DAY_MS = 86_400_000;
type InitiateResult = OperationResult<typeof OPERATION_NAMES.initiate>;

/**
 * `portabilityArchive.initiate` as the API answers it: 400 for a bad body, 403 for resources the
 * token lacks, 409 when an identical job runs, 429 when one-time access is used up or a
 * time-based export ran in the last 24 hours; otherwise a new IN_PROGRESS job.
 *
 * @example
 * ```ts
 * const result = initiate(ctx, caller, JSON.stringify({ resources: ["myactivity.youtube"] }));
 * ```
 */
export function initiate(ctx: EmulatorContext, caller: Caller, text: string): InitiateResult {
  const now = ctx.clock.nowMs();
  let body: unknown;
  try {
    body = text.trim() === "" ? {} : JSON.parse(text);
  } catch {
    return invalid([
      { field: "", description: "Invalid JSON payload received. Unexpected token." },
    ]);
  }
  const checked = validateInitiateRequest(body, now);
  if (!checked.ok) return invalid(checked.violations);
  const request = checked.request;
  const { grant, user } = caller;

  const missing = request.resources.filter((r) => !grant.resources.has(r));
  if (missing.length > 0) return insufficientScopes(missing, OPERATION_NAMES.initiate);

  // Each resource follows the rule of its own access type. A job that mixes both is reported
  // as one-time (the emulator's choice: Google's answer carries one access type per job).
  const oneTime = request.resources.filter((r) => accessTypeOf(grant, r) === "ONE_TIME");
  const timeBased = request.resources.filter((r) => accessTypeOf(grant, r) === "TIME_BASED");
  const accessType: AccessType = oneTime.length > 0 ? "ONE_TIME" : "TIME_BASED";
  const key = jobKey(request.resources, request.startTime, request.endTime);
  const runningId = user.running.get(key);
  const running = runningId === undefined ? undefined : ctx.jobs.get(runningId);
  if (running) {
    ctx.jobs.settle(running, now, false, {
      completeAfterPolls: ctx.options.completeAfterPolls,
      completeAfterMs: ctx.options.completeAfterMs,
    });
    if (running.state === "IN_PROGRESS") {
      return rpcError({
        status: "ALREADY_EXISTS",
        message: `An identical archive job (${running.id}) is already in progress.`,
        reason: `ALREADY_EXISTS_${accessType}`,
        metadata: { job_id: running.id },
      });
    }
  }

  const exhausted =
    oneTimeExhausted(caller, oneTime) ??
    timeBasedExhausted(caller, timeBased, now, ctx.options.timeBasedRefusal);
  if (exhausted) return exhausted;

  const job = ctx.jobs.create({
    user,
    grantId: grant.id,
    resources: request.resources,
    accessType,
    ...(request.startTime ? { startTime: request.startTime } : {}),
    ...(request.endTime ? { endTime: request.endTime } : {}),
    exportTimeMs: request.endMs ?? now,
    createdAtMs: now,
    willFail: ctx.faults.jobFails(OPERATION_NAMES.initiate),
  });
  for (const resource of oneTime) {
    user.oneTimeUsed.set(resource, [...(user.oneTimeUsed.get(resource) ?? []), job.id]);
  }
  for (const resource of timeBased) {
    user.timeBasedLast.set(resource, { atMs: now, jobIds: [job.id] });
  }
  return { body: { archiveJobId: job.id, accessType: `ACCESS_TYPE_${accessType}` } };
}

function invalid(fieldViolations: { field: string; description: string }[]): InitiateResult {
  return rpcError({
    status: "INVALID_ARGUMENT",
    message: fieldViolations
      .map((v) => (v.field ? `${v.field}: ${v.description}` : v.description))
      .join(" "),
    reason: "INVALID_ARGUMENT",
    details: [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations }],
  });
}

function oneTimeExhausted(
  { user }: Caller,
  resources: readonly Resource[],
): InitiateResult | undefined {
  const used = resources.filter((r) => user.oneTimeUsed.has(r));
  if (used.length === 0) return undefined;
  const previous = [...new Set(used.flatMap((r) => user.oneTimeUsed.get(r)!))];
  return rpcError({
    status: "RESOURCE_EXHAUSTED",
    message: `One-time access to ${used.join(", ")} was already used by job ${previous.join(", ")}. Call authorization.reset and ask the user for new consent to export again.`,
    reason: "RESOURCE_EXHAUSTED_ONE_TIME",
    metadata: { previous_job_ids: previous.join(",") },
  });
}

function timeBasedExhausted(
  { user }: Caller,
  resources: readonly Resource[],
  now: number,
  status: TimeBasedRefusal,
): InitiateResult | undefined {
  const recent = resources.flatMap((r) => {
    const last = user.timeBasedLast.get(r);
    return last && now - last.atMs < DAY_MS ? [last] : [];
  });
  if (recent.length === 0) return undefined;
  const after = Math.max(...recent.map((l) => l.atMs)) + DAY_MS;
  const previous = [...new Set(recent.flatMap((l) => l.jobIds))];
  return rpcError({
    status,
    message: `Time-based access allows one export per 24 hours; the next is allowed after ${formatTimestamp(after)}.`,
    reason: "RESOURCE_EXHAUSTED_TIME_BASED",
    metadata: {
      previous_job_ids: previous.join(","),
      timestamp_after_24hrs: formatTimestamp(after),
    },
  });
}
