import { type Clock, createPortabilityClient } from "@dataportability/core";
import { createEmulator, OPERATION_NAMES } from "@dataportability/msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkArchiveOnce, startPoller } from "./poll-step.js";

const emulator = createEmulator({ completeAfterPolls: 2 });
const server = setupServer(...emulator.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let now = Date.parse("2026-03-01T00:00:00Z");
const clock: Clock = {
  now: () => now,
  sleep: () => Promise.reject(new Error("a poll step must never sleep")),
};

describe("checkArchiveOnce", () => {
  it("makes exactly one state check per call and says when the next one is due", async () => {
    const { accessToken } = emulator.issueToken({
      resources: ["myactivity.youtube"],
      user: "poll-user",
    });
    const client = createPortabilityClient({ auth: accessToken, clock, retry: false });
    const { archiveJobId } = await client.initiateArchive({ resources: ["myactivity.youtube"] });
    const reads = () =>
      emulator.requests.filter((r) => r.operation === OPERATION_NAMES.getPortabilityArchiveState)
        .length;

    const saved = startPoller(client, archiveJobId, { retryFailed: 3 }, clock);
    expect(saved).toMatchObject({
      jobId: archiveJobId,
      checks: 0,
      retriesLeft: 3,
      nextCheckAt: new Date(now).toISOString(),
    });
    expect(reads()).toBe(0);

    const settings = { schedule: () => 600_000, random: () => 0.5 };
    const first = await checkArchiveOnce(client, saved, settings, { clock });
    expect(first.done).toBeUndefined();
    expect(first.progress?.state).toBe("IN_PROGRESS");
    expect(first.poller.checks).toBe(1);
    expect(Date.parse(first.poller.nextCheckAt) - now).toBe(600_000);
    expect(reads()).toBe(1);

    now += 600_000;
    const second = await checkArchiveOnce(client, first.poller, settings, { clock });
    expect(second.done).toBeUndefined();
    const third = await checkArchiveOnce(client, second.poller, settings, { clock });
    expect(third.done?.state).toBe("COMPLETE");
    expect(third.done?.urls.length).toBeGreaterThan(0);
    expect(reads()).toBe(3);
    // The saved state is plain JSON without URLs.
    expect(JSON.stringify(third.poller)).not.toContain("http");
  });
});
