import type { Resource } from "@dataportability/core";
import { OPERATION_NAMES } from "@dataportability/msw";
import type { Redis } from "ioredis";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createExportWorker, type ExportWorker } from "../src/index.js";
import { type Harness, startHarness } from "./support/harness.js";
import { testWorkerOptions } from "./support/test-worker.js";

const redisUrl = inject("redisUrl");
const RESOURCES: Resource[] = ["myactivity.youtube"];
const MAX = 2;
const DURATION_MS = 300;
// Redis stamps an event a millisecond or so apart from the limiter's own clock reading in the
// same script; a window counted this much shorter cannot take in the next window's first step.
const CLOCK_SLACK_MS = 5;

let h: Harness;
let worker: ExportWorker | undefined;

/**
 * When each export step started, in Redis time: BullMQ writes an `active` event (stream ID =
 * Redis milliseconds) in the same script that counts the step against the limiter.
 */
async function stepStarts(redis: Redis, eventsKey: string): Promise<number[]> {
  const entries = await redis.xrange(eventsKey, "-", "+");
  return entries
    .filter(([, fields]) => fields[fields.indexOf("event") + 1] === "active")
    .map(([id]) => Number(id.split("-")[0]));
}

/**
 * Splits step start times into the limiter's windows: a window opens with the first step
 * after the previous one closed, and lasts `durationMs`.
 */
function limiterWindows(starts: readonly number[], durationMs: number): number[][] {
  const windows: number[][] = [];
  for (const at of [...starts].sort((a, b) => a - b)) {
    const current = windows.at(-1);
    if (current && at < current[0]! + durationMs) current.push(at);
    else windows.push([at]);
  }
  return windows;
}

beforeEach(async () => {
  h = await startHarness(redisUrl);
  worker = undefined;
});

afterEach(async () => {
  await worker?.close({ timeoutMs: 1_000 });
  await h.close();
});

describe("the rate limit of a pipeline", () => {
  it("starts at most `max` export steps per `durationMs` window", async () => {
    const exportIds: string[] = [];
    for (const userId of ["limited-1", "limited-2", "limited-3"]) {
      await h.grant(userId, RESOURCES);
      exportIds.push((await h.queue.addExport({ userId, resources: RESOURCES })).exportId);
    }
    // Plenty of concurrency, and wake-ups 10 ms apart: only the limiter spaces the steps.
    worker = createExportWorker(
      testWorkerOptions(h, {
        concurrency: { exports: 20 },
        rateLimit: { max: MAX, durationMs: DURATION_MS },
      }),
    );
    await h.outcomes.settled(exportIds);
    expect(h.outcomes.dead.size).toBe(0);
    expect(h.outcomes.completed.size).toBe(exportIds.length);

    const starts = await stepStarts(h.redis, `bull:${h.queue.names.exports}:events`);
    // Per export: initiate and a first check, two more checks, then storing the result.
    expect(starts.length).toBeGreaterThanOrEqual(4 * exportIds.length);
    const stateChecks = h.server.emulator.requests.filter(
      (r) => r.operation === OPERATION_NAMES.getPortabilityArchiveState && r.area === "api",
    );
    expect(stateChecks.length).toBeGreaterThanOrEqual(3 * exportIds.length);

    const windows = limiterWindows(starts, DURATION_MS - CLOCK_SLACK_MS);
    const crowded = windows.filter((steps) => steps.length > MAX);
    expect(crowded, `windows with more than ${MAX} steps`).toEqual([]);
    // The limit did bind: steps queued up and filled windows to the brim.
    expect(windows.some((steps) => steps.length === MAX)).toBe(true);
  });
});
