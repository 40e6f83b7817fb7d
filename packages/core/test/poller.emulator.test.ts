import { describe, expect, it } from "vitest";
import {
  type ArchiveProgress,
  createPortabilityClient,
  exportArchive,
  nextExportAllowedAt,
  nextStartTime,
  pollArchive,
  resumeArchivePoller,
  WaitTimeoutError,
} from "../src/index.js";
import { clientClock, START, useEmulator } from "./support/emulator.js";

const { fresh } = useEmulator();
const HOUR = 3_600_000;

describe("polling against the emulator", () => {
  it("follows a day-long job on the virtual clock in about forty checks", async () => {
    const { emulator, clock } = fresh({
      completeAfterMs: 24 * HOUR,
      accessTokenTtlMs: 30 * 86_400_000,
    });
    const token = emulator.issueToken({ resources: ["youtube.comments"] });
    const client = createPortabilityClient({ auth: token.accessToken, clock });
    const { archiveJobId } = await client.initiateArchive({ resources: ["youtube.comments"] });
    const progress: ArchiveProgress[] = [];
    const state = await pollArchive(client, archiveJobId, {
      random: () => 0.5,
      onProgress: (p) => progress.push(p),
    });
    expect(state.state).toBe("COMPLETE");
    expect(state.urls.length).toBeGreaterThan(0);
    const waited = clock.now() - START.getTime();
    expect(waited).toBeGreaterThanOrEqual(24 * HOUR);
    expect(waited).toBeLessThan(25 * HOUR);
    // Quick checks first, then growing to hourly: a day takes about 40 checks, not thousands.
    expect(progress.length).toBeGreaterThan(30);
    expect(progress.length).toBeLessThanOrEqual(45);
    const gaps = clock.sleeps.slice(1);
    expect(gaps.slice(0, 5)).toEqual([10_000, 30_000, 60_000, 120_000, 300_000]);
    expect(Math.max(...gaps)).toBe(HOUR);
    expect(gaps.every((gap) => gap >= 10_000)).toBe(true);
  });

  it("gives up at the maximum wait while the job goes on", async () => {
    const { emulator, clock } = fresh({
      completeAfterMs: 48 * HOUR,
      accessTokenTtlMs: 30 * 86_400_000,
    });
    const token = emulator.issueToken({ resources: ["youtube.comments"] });
    const client = createPortabilityClient({ auth: token.accessToken, clock });
    const { archiveJobId } = await client.initiateArchive({ resources: ["youtube.comments"] });
    const error = await pollArchive(client, archiveJobId, { maxWaitMs: 6 * HOUR }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(WaitTimeoutError);
    expect(error).toMatchObject({
      jobId: archiveJobId,
      lastState: "IN_PROGRESS",
      waitedMs: 6 * HOUR,
    });
    expect(emulator.job(archiveJobId)?.state).toBe("IN_PROGRESS");
  });

  it("resumes a serialized poller in a fresh client, as another process would", async () => {
    const { emulator, clock } = fresh({
      completeAfterMs: 3 * HOUR,
      accessTokenTtlMs: 30 * 86_400_000,
    });
    const token = emulator.issueToken({ resources: ["maps.reviews"] });
    const first = createPortabilityClient({ auth: token.accessToken, clock });
    const { archiveJobId } = await first.initiateArchive({ resources: ["maps.reviews"] });
    const poller = pollArchive(first, archiveJobId, { maxWaitMs: 12 * HOUR, retryFailed: true });
    poller.onProgress((p) => {
      if (p.checks === 4) poller.stop();
    });
    await expect(poller).rejects.toMatchObject({ name: "AbortError" });
    const saved = JSON.stringify(poller.serialize());
    expect(saved).not.toContain(token.accessToken);
    expect(saved).not.toContain(token.refreshToken);
    const readsBefore = emulator.job(archiveJobId)!.polls;

    // A new process: a new client with its own clock object over the same (virtual) time.
    const second = createPortabilityClient({
      auth: async () => token.accessToken,
      clock: clientClock(emulator.clock),
    });
    const state = await resumeArchivePoller(second, saved);
    expect(state).toMatchObject({ jobId: archiveJobId, state: "COMPLETE" });
    expect(emulator.job(archiveJobId)!.polls).toBeGreaterThan(readsBefore);
    expect(JSON.parse(saved).deadline).toBe(new Date(START.getTime() + 12 * HOUR).toISOString());
  });
});

describe("incremental time-based exports", () => {
  it("starts the next export at the last exportTime, once the 24 hours have passed", async () => {
    const { emulator, clock } = fresh({ accessTokenTtlMs: 30 * 86_400_000 });
    const token = emulator.issueToken({ resources: ["maps.reviews"], accessType: "TIME_BASED" });
    const client = createPortabilityClient({ auth: token.accessToken, clock });
    const first = await exportArchive(client, { resources: ["maps.reviews"] });
    expect(first.accessType).toBe("TIME_BASED");
    expect(first.exportTime).toEqual(START);

    const early = await exportArchive(client, {
      resources: ["maps.reviews"],
      startTime: nextStartTime(first),
    }).catch((e: unknown) => e);
    const allowedAt = nextExportAllowedAt(early)!;
    expect(allowedAt).toEqual(new Date(START.getTime() + 24 * HOUR));

    await clock.sleep(allowedAt.getTime() - clock.now());
    const second = await exportArchive(client, {
      resources: ["maps.reviews"],
      startTime: nextStartTime(first),
    });
    expect(second.startTime).toEqual(START);
    expect(second.exportTime).toEqual(allowedAt);
    expect(second.jobId).not.toBe(first.jobId);
  });
});
