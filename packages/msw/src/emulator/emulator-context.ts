import type { OperationId } from "@dataportability/spec";
import type { GrantStore } from "../api/grant-store.js";
import type { JobStore } from "../api/job-store.js";
import type { ArchiveStore } from "../archive/archive-store.js";
import type { VirtualClock } from "../clock/virtual-clock.js";
import type { FaultInjector } from "../faults/fault-injector.js";
import type { PendingCode } from "../oauth/oauth-codes.js";
import type { UrlSigner } from "../storage/signed-url.js";
import type { ConsentScript, ResolvedEmulatorOptions } from "./emulator-options.js";
import type { RequestArea } from "./request-area.js";
import { type RequestLog, redactUrl } from "./request-log.js";
import type { SeededRandom } from "./seeded-random.js";

/** Everything the emulator's handlers share. */
export interface EmulatorContext {
  readonly options: ResolvedEmulatorOptions;
  readonly clock: VirtualClock;
  readonly random: SeededRandom;
  readonly grants: GrantStore;
  readonly jobs: JobStore;
  readonly archives: ArchiveStore;
  readonly faults: FaultInjector;
  readonly log: RequestLog;
  readonly codes: Map<string, PendingCode>;
  readonly signer: UrlSigner;
  consent: ConsentScript;
}

/** What a handler adds to its request's log entry. */
export interface LogNote {
  /** The object offset of the byte a `corrupt-bytes` fault flipped in the answer. */
  corruptedByte?: number;
}

/**
 * Runs one emulator handler: applies latency and failure faults first, then the handler, and
 * records the outcome in the request log, with what the handler noted about it.
 *
 * @example
 * ```ts
 * return guard(ctx, request, "api", "download", operationId, () => answer(request));
 * ```
 */
export async function guard(
  ctx: EmulatorContext,
  request: Request,
  area: RequestArea,
  operation: string,
  operationId: OperationId | undefined,
  handle: (note: LogNote) => Response | Promise<Response>,
): Promise<Response> {
  const faultContext = operationId ? { area, operationId } : { area };
  const delay = ctx.faults.latencyMs(faultContext);
  if (delay > 0) await ctx.options.sleep(delay);
  const note: LogNote = {};
  const response = ctx.faults.failure(faultContext) ?? (await handle(note));
  const range = request.headers.get("range");
  ctx.log.add({
    at: ctx.clock.now(),
    method: request.method,
    url: redactUrl(request.url),
    area,
    operation,
    status: response.status,
    authorization: request.headers.has("authorization"),
    ...(range ? { range } : {}),
    ...note,
  });
  return response;
}
