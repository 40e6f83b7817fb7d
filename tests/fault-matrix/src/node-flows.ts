import {
  type ArchiveState,
  exportArchive,
  pollArchive,
  resumeArchivePoller,
} from "@dataportability/core";
import { downloadArchive } from "@dataportability/node";
import type { FaultCase } from "./fault-cases.js";
import { JOB_MS, RESOURCES, type World } from "./world.js";

const MINUTE = 60_000;

/** How long the flows wait for a job (30 minutes of work) before giving up. */
export const MAX_WAIT_MS = 12 * 60 * MINUTE;

/** How a flow ended: the job whose archives are on disk, or nothing (it threw). */
export interface FlowResult {
  completeJobId: string;
}

/** Same jitter every run. */
function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a * 1_664_525 + 1_013_904_223) >>> 0;
    return a / 4_294_967_296;
  };
}

async function download(world: World, state: Pick<ArchiveState, "urls"> & { jobId: string }) {
  await downloadArchive({
    state,
    client: world.client,
    folder: world.folder,
    clock: world.coreClock,
  });
}

/**
 * Export: `exportArchive` (initiate + poll on the default schedule) then, five minutes later,
 * `downloadArchive` of its URLs.
 *
 * @example
 * const { completeJobId } = await exportFlow(world, fault);
 */
export async function exportFlow(world: World, fault: FaultCase): Promise<FlowResult> {
  let started = false;
  const result = await exportArchive(world.client, {
    resources: RESOURCES,
    retryFailed: fault.retryFailed ?? false,
    maxWaitMs: MAX_WAIT_MS,
    random: seeded(1),
    onJobStarted: () => {
      if (started) return;
      started = true;
      fault.afterStart?.(world);
    },
  });
  world.clock.advance(5 * MINUTE);
  await download(world, result);
  return { completeJobId: result.jobId };
}

/**
 * Download: a job started earlier is checked once it is due and its state saved, as
 * `dataportability status` then `download` would; ten minutes later `downloadArchive` fetches
 * the saved URLs, refreshing them through the client when they no longer work.
 *
 * @example
 * const { completeJobId } = await downloadFlow(world, fault);
 */
export async function downloadFlow(world: World, fault: FaultCase): Promise<FlowResult> {
  let { archiveJobId: jobId } = await world.client.initiateArchive({ resources: RESOURCES });
  fault.afterStart?.(world);
  world.clock.advance(JOB_MS + MINUTE);
  let state = await world.client.getArchiveState(jobId);
  if (fault.retryFailed && state.state === "FAILED") {
    jobId = (await world.client.retryArchive(jobId)).archiveJobId;
    world.clock.advance(JOB_MS + MINUTE);
    state = await world.client.getArchiveState(jobId);
  }
  world.clock.advance(10 * MINUTE);
  await downloadArchive({
    state,
    client: world.client,
    folder: world.folder,
    clock: world.coreClock,
  });
  return { completeJobId: jobId };
}

/**
 * Resume: a poller is stopped after its first check and serialized to JSON; ten minutes later
 * another client (as another process would build) resumes it, then downloads five minutes
 * after the job completes.
 *
 * @example
 * const { completeJobId } = await resumeFlow(world, fault);
 */
export async function resumeFlow(world: World, fault: FaultCase): Promise<FlowResult> {
  const { archiveJobId } = await world.client.initiateArchive({ resources: RESOURCES });
  const first = pollArchive(world.client, archiveJobId, {
    retryFailed: fault.retryFailed ?? false,
    maxWaitMs: MAX_WAIT_MS,
    random: seeded(2),
    onProgress: () => first.stop(),
  });
  let state: ArchiveState | undefined = await Promise.resolve(first).catch((error: unknown) => {
    if (error instanceof DOMException && error.name === "AbortError") return undefined;
    throw error;
  });
  const saved = JSON.stringify(first.serialize());
  fault.afterStart?.(world);
  world.clock.advance(10 * MINUTE);
  const other = world.freshClient();
  state ??= await resumeArchivePoller(other, saved, { random: seeded(3) });
  world.clock.advance(5 * MINUTE);
  await downloadArchive({ state, client: other, folder: world.folder, clock: world.coreClock });
  return { completeJobId: state.jobId };
}
