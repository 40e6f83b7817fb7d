import { ArchiveFailedError } from "@dataportability/core";
import type { TaskMeta } from "vitest";
import { expect } from "vitest";
import { auditArchives } from "./archive-audit.js";
import type { Expected, FaultCase } from "./fault-cases.js";
import { record } from "./scenario-meta.js";
import type { World } from "./world.js";

/**
 * How a flow ended: its archives are on disk, it threw, or (the React hook) it shows a FAILED
 * job as its `failed` phase.
 */
export type FlowOutcome = { completeJobId: string } | { error: unknown } | { failedJobId: string };

/**
 * Checks how a flow ended against what its fault case expects, audits the download folder
 * (identical bytes, nothing half-written) and records the scenario for the summary line.
 *
 * @example
 * await assertOutcome(world, expected, fault.struck, outcome, task.meta);
 */
export async function assertOutcome(
  world: World,
  expected: Expected,
  struck: FaultCase["struck"],
  outcome: FlowOutcome,
  meta: TaskMeta,
): Promise<void> {
  const completeJobId = "completeJobId" in outcome ? outcome.completeJobId : undefined;
  // On an error, whole verified archives of a job that did complete are fine; anything else
  // left as a final file is half-written.
  const completed = world.server.emulator.jobs().find((job) => job.state === "COMPLETE");
  const audit = await auditArchives(
    world.server.emulator,
    world.folder,
    completeJobId ?? completed?.id,
  );
  const bytesLost = completeJobId
    ? audit.bytesLost
    : audit.strayFiles.length > 0
      ? audit.bytesLost
      : 0;
  record(meta, {
    kind: "fault",
    bytesLost,
    bytesVerified: audit.bytesVerified,
    requestsSent: 0,
  });
  if (expected.outcome === "archives") {
    if ("error" in outcome) throw outcome.error;
    expect(audit.expected).toBeGreaterThan(0);
    expect(audit.verified).toBe(audit.expected);
  } else if ("failedJobId" in outcome) {
    expect(expected.error.type).toBe(ArchiveFailedError);
    expect(world.server.emulator.job(outcome.failedJobId)?.state).toBe("FAILED");
  } else {
    expect("error" in outcome, "the flow should have failed with a typed error").toBe(true);
    const error = (outcome as { error: unknown }).error as Error;
    expect(error).toBeInstanceOf(expected.error.type);
    expect(error.message).toMatch(expected.error.message);
    expect(error.message).not.toContain(world.token.accessToken);
    expect(error.message).not.toContain(world.token.refreshToken);
    if (expected.error.fields) expect(error).toMatchObject(expected.error.fields);
  }
  expect(audit.strayFiles).toEqual([]);
  expect(bytesLost).toBe(0);
  const requests = world.server.emulator.requests;
  expect(
    requests.filter((r) => r.area === "storage" && r.authorization),
    "requests that sent Authorization to the storage host",
  ).toEqual([]);
  expect(struck(requests, world.server.emulator), "the fault struck").toBe(true);
}
