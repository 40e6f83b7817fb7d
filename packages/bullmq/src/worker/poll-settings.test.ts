import { type Clock, createPortabilityClient, InvalidArgumentError } from "@dataportability/core";
import { runExportRound } from "@dataportability/core/internal";
import { createEmulator, OPERATION_NAMES } from "@dataportability/msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { checkPollSettings, firstSavedExport } from "./poll-settings.js";

const emulator = createEmulator({ completeAfterPolls: 2 });
const server = setupServer(...emulator.handlers);
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

let now = Date.parse("2026-03-01T00:00:00Z");
const clock: Clock = {
  now: () => now,
  sleep: () => Promise.reject(new Error("a poll round must never sleep")),
};

describe("the export processor's poll rounds", () => {
  it("make exactly one state check per round and say when the next one is due", async () => {
    const { accessToken } = emulator.issueToken({
      resources: ["myactivity.youtube"],
      user: "poll-user",
    });
    const client = createPortabilityClient({ auth: accessToken, clock, retry: false });
    const { archiveJobId } = await client.initiateArchive({ resources: ["myactivity.youtube"] });
    const reads = () =>
      emulator.requests.filter((r) => r.operation === OPERATION_NAMES.getPortabilityArchiveState)
        .length;

    const saved = firstSavedExport(archiveJobId, { retryFailed: 3 }, now);
    expect(saved).toMatchObject({
      jobId: archiveJobId,
      checks: 0,
      retriesLeft: 3,
      nextCheckAt: new Date(now).toISOString(),
    });
    expect(reads()).toBe(0);

    const settings = { schedule: () => 600_000, random: () => 0.5 };
    const first = await runExportRound(client, saved, clock.now, undefined, settings);
    expect(first).toMatchObject({ done: false, state: { state: "IN_PROGRESS" } });
    expect(first.saved.checks).toBe(1);
    expect(Date.parse(first.saved.nextCheckAt) - now).toBe(600_000);
    expect(reads()).toBe(1);

    now += 600_000;
    const second = await runExportRound(client, first.saved, clock.now, undefined, settings);
    expect(second.done).toBe(false);
    // BullMQ decides when a delayed job runs: a round checks even when its clock says "early".
    const third = await runExportRound(client, second.saved, clock.now, undefined, settings);
    expect(third.done).toBe(true);
    expect(third.state?.urls.length).toBeGreaterThan(0);
    expect(reads()).toBe(3);
    // The saved state is plain JSON without URLs.
    expect(JSON.stringify(third.saved)).not.toContain("http");
  });
});

describe("checkPollSettings", () => {
  it.each([
    ["poll.maxWaitMs", { maxWaitMs: -1 }],
    ["poll.retryFailed", { retryFailed: 1.5 }],
  ])("names %s when refusing it", (field, settings) => {
    expect(() => checkPollSettings(settings)).toThrow(InvalidArgumentError);
    expect(() => checkPollSettings(settings)).toThrow(expect.objectContaining({ field }));
  });

  it("cuts retryFailed to the API's 3", () => {
    expect(firstSavedExport("job", { retryFailed: 9 }, 0).retriesLeft).toBe(3);
  });
});
