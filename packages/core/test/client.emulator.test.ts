import { expectError } from "@dataportability/test-support";
import { describe, expect, it } from "vitest";
import { createPortabilityClient, PortabilityApiError, type Resource } from "../src/index.js";
import { clientClock, START, useEmulator } from "./support/emulator.js";

const { fresh } = useEmulator();
const caught = (promise: Promise<unknown>) => expectError(promise, PortabilityApiError);

function consent(resources: Resource[], options: { accessType?: "ONE_TIME" | "TIME_BASED" } = {}) {
  const { emulator, clock } = fresh();
  const token = emulator.issueToken({ resources, ...options });
  const client = createPortabilityClient({ auth: token.accessToken, clock });
  return { emulator, clock, client, token };
}

describe("every method against the emulator", () => {
  it("initiates, reads, cancels, retries, checks access and resets", async () => {
    const { emulator, client } = consent(["myactivity.youtube", "youtube.comments"]);
    await expect(client.checkAccessType()).resolves.toEqual({
      oneTimeResources: ["myactivity.youtube", "youtube.comments"],
      timeBasedResources: [],
    });

    const job = await client.initiateArchive({
      resources: ["myactivity.youtube"],
      startTime: new Date("2025-06-01T00:00:00Z"),
    });
    expect(job).toMatchObject({ accessType: "ONE_TIME", reused: false });
    const running = await client.getArchiveState(job.archiveJobId);
    expect(running).toMatchObject({ jobId: job.archiveJobId, state: "IN_PROGRESS", urls: [] });
    expect(running.startTime).toEqual(new Date("2025-06-01T00:00:00Z"));
    const done = await client.getArchiveState(`archiveJobs/${job.archiveJobId}`);
    expect(done.state).toBe("COMPLETE");
    expect(done.urls.length).toBeGreaterThan(0);
    expect(done.exportTime).toEqual(START);

    const other = await client.initiateArchive({ resources: ["youtube.comments"] });
    await client.cancelArchive(other.archiveJobId);
    expect((await client.getArchiveState(other.archiveJobId)).state).toBe("CANCELLED");
    expect(emulator.job(other.archiveJobId)?.state).toBe("CANCELLED");

    await client.resetAuthorization();
    expect((await caught(client.checkAccessType())).code).toBe("UNAUTHENTICATED");
  });

  it("retries a FAILED job into a new one", async () => {
    const { emulator, client } = consent(["maps.reviews"]);
    const { archiveJobId } = await client.initiateArchive({ resources: ["maps.reviews"] });
    emulator.failJob(archiveJobId);
    expect((await client.getArchiveState(archiveJobId)).state).toBe("FAILED");
    const retried = await client.retryArchive(archiveJobId);
    expect(retried.archiveJobId).not.toBe(archiveJobId);
    expect(emulator.job(retried.archiveJobId)?.retryOf).toBe(archiveJobId);
  });

  it("exposes the typed raw client with the same auth", async () => {
    const { client } = consent(["maps.reviews"]);
    const { data, error } = await client.raw.POST("/v1/accessType:check", { body: {} });
    expect(error).toBeUndefined();
    expect(data?.oneTimeResources).toEqual(["maps.reviews"]);
  });
});

describe("every error reason, typed", () => {
  it("PERMISSION_DENIED for resources the token lacks", async () => {
    const { client } = consent(["maps.reviews"]);
    const error = await caught(client.initiateArchive({ resources: ["youtube.comments"] }));
    expect(error).toMatchObject({
      httpStatus: 403,
      code: "PERMISSION_DENIED",
      reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
      operation: "initiateArchive",
    });
  });

  it("ALREADY_EXISTS with the running job's ID, or its reuse", async () => {
    const { client } = consent(["maps.reviews"]);
    const first = await client.initiateArchive({ resources: ["maps.reviews"] });
    const error = await caught(client.initiateArchive({ resources: ["maps.reviews"] }));
    expect(error).toMatchObject({ httpStatus: 409, reason: "ALREADY_EXISTS_ONE_TIME" });
    expect(error.existingJobId).toBe(first.archiveJobId);
    await expect(
      client.initiateArchive({ resources: ["maps.reviews"], reuseExisting: true }),
    ).resolves.toEqual({
      archiveJobId: first.archiveJobId,
      accessType: "UNSPECIFIED",
      reused: true,
    });
  });

  it("RESOURCE_EXHAUSTED_ONE_TIME with the previous jobs", async () => {
    const { client } = consent(["maps.reviews"]);
    const first = await client.initiateArchive({ resources: ["maps.reviews"] });
    await client.getArchiveState(first.archiveJobId);
    await client.getArchiveState(first.archiveJobId);
    const error = await caught(client.initiateArchive({ resources: ["maps.reviews"] }));
    expect(error).toMatchObject({
      httpStatus: 429,
      code: "RESOURCE_EXHAUSTED",
      isTransient: false,
    });
    expect(error.isOneTimeExhausted).toBe(true);
    expect(error.previousJobIds).toEqual([first.archiveJobId]);
  });

  it("RESOURCE_EXHAUSTED_TIME_BASED with the next allowed time as a Date", async () => {
    const { client, clock } = consent(["maps.reviews"], { accessType: "TIME_BASED" });
    const first = await client.initiateArchive({ resources: ["maps.reviews"] });
    expect(first.accessType).toBe("TIME_BASED");
    await client.getArchiveState(first.archiveJobId);
    await client.getArchiveState(first.archiveJobId);
    await clock.sleep(30 * 60_000);
    const error = await caught(client.initiateArchive({ resources: ["maps.reviews"] }));
    expect(error.reason).toBe("RESOURCE_EXHAUSTED_TIME_BASED");
    expect(error.isOneTimeExhausted).toBe(false);
    expect(error.nextAllowedAt).toEqual(new Date(START.getTime() + 86_400_000));
    expect(error.previousJobIds).toEqual([first.archiveJobId]);
  });

  it("UNAUTHENTICATED for an expired token", async () => {
    const { emulator, clock } = fresh();
    const token = emulator.issueToken({ resources: ["maps.reviews"], expiresInMs: 60_000 });
    const client = createPortabilityClient({ auth: token.accessToken, clock });
    await clock.sleep(61_000);
    const error = await caught(client.checkAccessType());
    expect(error).toMatchObject({ httpStatus: 401, code: "UNAUTHENTICATED" });
    expect(JSON.stringify(error) + error.message).not.toContain(token.accessToken);
  });

  it("NOT_FOUND for an unknown job, FAILED_PRECONDITION for wrong-state retry and cancel", async () => {
    const { emulator, client } = consent(["maps.reviews"]);
    expect(await caught(client.getArchiveState("nope"))).toMatchObject({
      httpStatus: 404,
      code: "NOT_FOUND",
      reason: "JOB_NOT_FOUND",
    });
    const { archiveJobId } = await client.initiateArchive({ resources: ["maps.reviews"] });
    expect(await caught(client.retryArchive(archiveJobId))).toMatchObject({
      code: "FAILED_PRECONDITION",
      reason: "JOB_NOT_FAILED",
    });
    emulator.completeJob(archiveJobId);
    expect(await caught(client.cancelArchive(archiveJobId))).toMatchObject({
      code: "FAILED_PRECONDITION",
      reason: "JOB_NOT_IN_PROGRESS",
    });
  });

  it("FAILED_PRECONDITION once three retries are used", async () => {
    const { emulator, client } = consent(["maps.reviews"]);
    let { archiveJobId } = await client.initiateArchive({ resources: ["maps.reviews"] });
    for (let i = 0; i < 3; i++) {
      emulator.failJob(archiveJobId);
      ({ archiveJobId } = await client.retryArchive(archiveJobId));
    }
    emulator.failJob(archiveJobId);
    expect(await caught(client.retryArchive(archiveJobId))).toMatchObject({
      reason: "RETRY_LIMIT_EXCEEDED",
    });
  });

  it("INVALID_ARGUMENT from the server (a start time in the future)", async () => {
    const { client } = consent(["maps.reviews"]);
    const error = await caught(
      client.initiateArchive({ resources: ["maps.reviews"], startTime: "2027-01-01T00:00:00Z" }),
    );
    expect(error).toMatchObject({ httpStatus: 400, code: "INVALID_ARGUMENT" });
    expect(error.details).toContainEqual(
      expect.objectContaining({ "@type": "type.googleapis.com/google.rpc.BadRequest" }),
    );
  });

  it("refuses bad input before the emulator sees a request", async () => {
    const { emulator, client } = consent(["maps.reviews"]);
    emulator.clearRequests();
    await expect(
      client.initiateArchive({ resources: ["maps.review" as Resource] }),
    ).rejects.toThrow(/did you mean "maps.reviews"/);
    await expect(client.getArchiveState("x/../y")).rejects.toThrow(/jobId/);
    expect(emulator.requests).toHaveLength(0);
  });
});

describe("clientClock", () => {
  it("moves the emulator's time", async () => {
    const { emulator } = fresh();
    const clock = clientClock(emulator.clock);
    await clock.sleep(1000);
    expect(emulator.clock.nowMs()).toBe(START.getTime() + 1000);
  });
});
