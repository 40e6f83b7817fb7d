import { getResponse } from "msw";
import { describe, expect, it } from "vitest";
import { API, emulatorHarness, errorInfo } from "./support/emulator-harness.js";

const useEmulator = emulatorHarness();
const YT = "myactivity.youtube";
const DAY = 86_400_000;

describe("authentication", () => {
  it("401 UNAUTHENTICATED for a missing, unknown or expired token", async () => {
    const { emulator, call } = useEmulator();
    const missing = await call("POST", "/v1/accessType:check", { body: {} });
    expect(missing.status).toBe(401);
    expect(missing.body.error.status).toBe("UNAUTHENTICATED");
    expect(errorInfo(missing.body).reason).toBe("CREDENTIALS_MISSING");
    expect(missing.headers.get("www-authenticate")).toContain("Bearer");

    const unknown = await call("POST", "/v1/accessType:check", { token: "ya29.nope", body: {} });
    expect(unknown.status).toBe(401);
    expect(errorInfo(unknown.body).reason).toBe("ACCESS_TOKEN_TYPE_UNSUPPORTED");

    const { accessToken } = emulator.issueToken({ resources: [YT], expiresInMs: 60_000 });
    expect(
      (await call("POST", "/v1/accessType:check", { token: accessToken, body: {} })).status,
    ).toBe(200);
    emulator.clock.advance(60_000);
    const expired = await call("POST", "/v1/accessType:check", { token: accessToken, body: {} });
    expect(expired.status).toBe(401);
    expect(errorInfo(expired.body).reason).toBe("ACCESS_TOKEN_EXPIRED");
  });

  it("accepts the access_token query parameter", async () => {
    const { emulator, call } = useEmulator();
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    expect(
      (await call("POST", `/v1/accessType:check?access_token=${accessToken}`, { body: {} })).status,
    ).toBe(200);
  });

  it("403 PERMISSION_DENIED for resources the token does not grant", async () => {
    const { emulator, initiate } = useEmulator();
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const denied = await initiate(accessToken, { resources: [YT, "myactivity.search"] });
    expect(denied.status).toBe(403);
    expect(denied.body.error.status).toBe("PERMISSION_DENIED");
    expect(denied.body.error.message).toContain("myactivity.search");
    expect(errorInfo(denied.body).reason).toBe("ACCESS_TOKEN_SCOPE_INSUFFICIENT");
  });
});

describe("initiate validation", () => {
  it("400 INVALID_ARGUMENT with BadRequest field violations", async () => {
    const { emulator, initiate } = useEmulator();
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const bad = await initiate(accessToken, {
      resources: ["nope"],
      startTime: "2025-06-01T00:00:00Z",
      endTime: "2025-01-01T00:00:00Z",
    });
    expect(bad.status).toBe(400);
    expect(bad.body.error.status).toBe("INVALID_ARGUMENT");
    const request = bad.body.error.details.find(
      (d: { "@type": string }) => d["@type"] === "type.googleapis.com/google.rpc.BadRequest",
    );
    expect(request.fieldViolations.map((v: { field: string }) => v.field)).toEqual([
      "resources[0]",
      "endTime",
    ]);
    expect(errorInfo(bad.body)).toBeDefined();
    const malformed = await initiate(accessToken, "{not json");
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.message).toContain("Invalid JSON payload");
    expect(emulator.jobs()).toEqual([]);
  });
});

describe("jobs", () => {
  it("IN_PROGRESS for completeAfterPolls reads, then COMPLETE with urls, name, startTime and exportTime", async () => {
    const { emulator, initiate, state } = useEmulator({ completeAfterPolls: 2 });
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const started = await initiate(accessToken, {
      resources: [YT],
      startTime: "2025-01-01T00:00:00Z",
      endTime: "2025-12-01T00:00:00Z",
    });
    expect(started.status).toBe(200);
    expect(started.body).toEqual({
      archiveJobId: expect.stringMatching(/^\d{19}$/),
      accessType: "ACCESS_TYPE_ONE_TIME",
    });
    const id = started.body.archiveJobId;
    const first = await state(accessToken, id);
    expect(first.body).toEqual({
      name: `archiveJobs/${id}/portabilityArchiveState`,
      state: "IN_PROGRESS",
      startTime: "2025-01-01T00:00:00Z",
      exportTime: "2025-12-01T00:00:00Z",
    });
    expect((await state(accessToken, id)).body.state).toBe("IN_PROGRESS");
    const done = await state(accessToken, id);
    expect(done.body.state).toBe("COMPLETE");
    expect(done.body.urls).toHaveLength(1);
    expect(done.body.urls[0]).toMatch(
      /^https:\/\/storage\.googleapis\.com\/.+\.zip\?X-Goog-Algorithm=GOOG4-HMAC-SHA256&/,
    );
    expect(emulator.job(id)).toMatchObject({
      state: "COMPLETE",
      polls: 3,
      resources: [YT],
      user: "user-1",
    });
  });

  it("completes after virtual time with completeAfterMs, and omits startTime when not given", async () => {
    const { emulator, initiate, state } = useEmulator({
      completeAfterMs: 30 * 60_000,
      archivesPerJob: 3,
    });
    const { accessToken } = emulator.issueToken({ resources: [YT], expiresInMs: DAY });
    const id = (await initiate(accessToken, { resources: [YT] })).body.archiveJobId;
    for (let i = 0; i < 5; i++)
      expect((await state(accessToken, id)).body.state).toBe("IN_PROGRESS");
    emulator.clock.advance(30 * 60_000);
    const done = await state(accessToken, id);
    expect(done.body.state).toBe("COMPLETE");
    expect(done.body.startTime).toBeUndefined();
    expect(done.body.exportTime).toBe("2026-01-01T00:00:00Z");
    expect(done.body.urls).toHaveLength(3);
  });

  it("404 for unknown jobs and for other users' jobs", async () => {
    const { emulator, initiate, state } = useEmulator();
    const alice = emulator.issueToken({ resources: [YT], user: "alice" });
    const bob = emulator.issueToken({ resources: [YT], user: "bob" });
    const id = (await initiate(alice.accessToken, { resources: [YT] })).body.archiveJobId;
    expect((await state(bob.accessToken, id)).status).toBe(404);
    const unknown = await state(alice.accessToken, "42");
    expect(unknown.status).toBe(404);
    expect(unknown.body.error.status).toBe("NOT_FOUND");
  });

  it("retry works only on FAILED jobs, at most 3 times, each with a new job ID", async () => {
    const { emulator, call, initiate, state } = useEmulator({
      faults: [{ name: "job-fails" }],
      completeAfterPolls: 0,
    });
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const retry = (id: string) =>
      call("POST", `/v1/archiveJobs/${id}:retry`, { token: accessToken, body: {} });
    let id = (await initiate(accessToken, { resources: [YT] })).body.archiveJobId;
    const ids = [id];
    for (let attempt = 1; attempt <= 3; attempt++) {
      expect((await state(accessToken, id)).body.state).toBe("FAILED");
      const next = await retry(id);
      expect(next.status).toBe(200);
      expect(next.body.archiveJobId).not.toBe(id);
      id = next.body.archiveJobId;
      ids.push(id);
      expect(emulator.job(id)).toMatchObject({
        retryOf: ids[attempt - 1],
        rootJobId: ids[0],
        retries: attempt,
      });
    }
    expect((await state(accessToken, id)).body.state).toBe("FAILED");
    const fourth = await retry(id);
    expect(fourth.status).toBe(400);
    expect(fourth.body.error.status).toBe("FAILED_PRECONDITION");
    expect(errorInfo(fourth.body)).toMatchObject({
      reason: "RETRY_LIMIT_EXCEEDED",
      metadata: { job_id: ids[0], retries: "3" },
    });
    expect(new Set(ids).size).toBe(4);
  });

  it("retry of a job that is not FAILED is refused", async () => {
    const { emulator, call, initiate } = useEmulator();
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const id = (await initiate(accessToken, { resources: [YT] })).body.archiveJobId;
    const refused = await call("POST", `/v1/archiveJobs/${id}:retry`, {
      token: accessToken,
      body: {},
    });
    expect(refused.status).toBe(400);
    expect(errorInfo(refused.body)).toMatchObject({
      reason: "JOB_NOT_FAILED",
      metadata: { state: "IN_PROGRESS" },
    });
  });

  it("cancel works only while IN_PROGRESS", async () => {
    const { emulator, call, initiate, state } = useEmulator();
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const id = (await initiate(accessToken, { resources: [YT] })).body.archiveJobId;
    const cancel = () =>
      call("POST", `/v1/archiveJobs/${id}:cancel`, { token: accessToken, body: {} });
    const ok = await cancel();
    expect(ok.status).toBe(200);
    expect(ok.body).toEqual({});
    expect((await state(accessToken, id)).body.state).toBe("CANCELLED");
    const again = await cancel();
    expect(again.status).toBe(400);
    expect(errorInfo(again.body)).toMatchObject({
      reason: "JOB_NOT_IN_PROGRESS",
      metadata: { state: "CANCELLED" },
    });
  });

  it("completeJob and failJob drive state from the test", async () => {
    const { emulator, initiate, state } = useEmulator({ completeAfterPolls: 100 });
    const { accessToken } = emulator.issueToken({ resources: [YT, "myactivity.search"] });
    const a = (await initiate(accessToken, { resources: [YT] })).body.archiveJobId;
    const b = (await initiate(accessToken, { resources: ["myactivity.search"] })).body.archiveJobId;
    expect(emulator.completeJob(a).state).toBe("COMPLETE");
    expect(emulator.failJob(b).state).toBe("FAILED");
    expect((await state(accessToken, a)).body.urls).toHaveLength(1);
    expect((await state(accessToken, b)).body.urls).toBeUndefined();
    expect(() => emulator.completeJob(b)).toThrow(/FAILED; only IN_PROGRESS/);
    expect(() => emulator.failJob("missing")).toThrow(/No archive job/);
  });
});

describe("access rules", () => {
  it("one-time: one export per resource, then 429 RESOURCE_EXHAUSTED_ONE_TIME with previous_job_ids", async () => {
    const { emulator, initiate } = useEmulator({ completeAfterPolls: 0 });
    const { accessToken } = emulator.issueToken({ resources: [YT, "myactivity.search"] });
    const first = (await initiate(accessToken, { resources: [YT] })).body.archiveJobId;
    emulator.completeJob(first);
    const again = await initiate(accessToken, { resources: [YT] });
    expect(again.status).toBe(429);
    expect(again.body.error.status).toBe("RESOURCE_EXHAUSTED");
    expect(errorInfo(again.body)).toEqual({
      "@type": "type.googleapis.com/google.rpc.ErrorInfo",
      reason: "RESOURCE_EXHAUSTED_ONE_TIME",
      domain: "dataportability.googleapis.com",
      metadata: { previous_job_ids: first },
    });
    // Another resource of the same consent can still be exported once.
    expect((await initiate(accessToken, { resources: ["myactivity.search"] })).status).toBe(200);
    // A new consent without authorization.reset does not help.
    const second = emulator.issueToken({ resources: [YT] });
    expect((await initiate(second.accessToken, { resources: [YT] })).status).toBe(429);
  });

  it("409 ALREADY_EXISTS with job_id while an identical job runs", async () => {
    const { emulator, initiate } = useEmulator({ completeAfterPolls: 5 });
    const oneTime = emulator.issueToken({ resources: [YT] });
    const id = (await initiate(oneTime.accessToken, { resources: [YT] })).body.archiveJobId;
    const dup = await initiate(oneTime.accessToken, { resources: [YT] });
    expect(dup.status).toBe(409);
    expect(dup.body.error.status).toBe("ALREADY_EXISTS");
    expect(errorInfo(dup.body)).toMatchObject({
      reason: "ALREADY_EXISTS_ONE_TIME",
      metadata: { job_id: id },
    });

    const timeBased = emulator.issueToken({
      resources: ["myactivity.search"],
      accessType: "TIME_BASED",
      user: "tb",
    });
    const tbId = (await initiate(timeBased.accessToken, { resources: ["myactivity.search"] })).body
      .archiveJobId;
    const tbDup = await initiate(timeBased.accessToken, { resources: ["myactivity.search"] });
    expect(errorInfo(tbDup.body)).toMatchObject({
      reason: "ALREADY_EXISTS_TIME_BASED",
      metadata: { job_id: tbId },
    });
  });

  it("time-based: one export per 24 hours, 429 RESOURCE_EXHAUSTED_TIME_BASED with timestamp_after_24hrs", async () => {
    const { emulator, initiate } = useEmulator({ completeAfterPolls: 0 });
    const { accessToken } = emulator.issueToken({
      resources: [YT],
      accessType: "TIME_BASED",
      days: 180,
      expiresInMs: 10 * DAY,
    });
    const first = await initiate(accessToken, { resources: [YT] });
    expect(first.body.accessType).toBe("ACCESS_TYPE_TIME_BASED");
    emulator.completeJob(first.body.archiveJobId);
    emulator.clock.advance(23 * 3_600_000);
    const early = await initiate(accessToken, { resources: [YT] });
    expect(early.status).toBe(429);
    expect(errorInfo(early.body)).toMatchObject({
      reason: "RESOURCE_EXHAUSTED_TIME_BASED",
      metadata: {
        timestamp_after_24hrs: "2026-01-02T00:00:00Z",
        previous_job_ids: first.body.archiveJobId,
      },
    });
    emulator.clock.advance(3_600_000);
    expect((await initiate(accessToken, { resources: [YT] })).status).toBe(200);
  });

  it("time-based consent ends after its 30 days", async () => {
    const { emulator, call } = useEmulator();
    const { accessToken } = emulator.issueToken({
      resources: [YT],
      accessType: "TIME_BASED",
      days: 30,
      expiresInMs: 60 * DAY,
    });
    expect(
      emulator.issueToken({ resources: [YT], accessType: "TIME_BASED" }).expiresAt.getTime(),
    ).toBe(Date.parse("2026-01-01T01:00:00Z"));
    emulator.clock.advance(30 * DAY);
    expect(
      (await call("POST", "/v1/accessType:check", { token: accessToken, body: {} })).status,
    ).toBe(401);
  });

  it("accessType.check lists the token's resources by access type", async () => {
    const { emulator, call } = useEmulator();
    const oneTime = emulator.issueToken({ resources: ["myactivity.search", YT] });
    expect(
      (await call("POST", "/v1/accessType:check", { token: oneTime.accessToken, body: {} })).body,
    ).toEqual({ oneTimeResources: ["myactivity.search", YT] });
    const timeBased = emulator.issueToken({ resources: [YT], accessType: "TIME_BASED" });
    expect(
      (await call("POST", "/v1/accessType:check", { token: timeBased.accessToken, body: {} })).body,
    ).toEqual({ timeBasedResources: [YT] });
  });

  it("authorization.reset revokes the tokens and resets exhausted scopes", async () => {
    const { emulator, call, initiate } = useEmulator({ completeAfterPolls: 0 });
    const first = emulator.issueToken({ resources: [YT] });
    const other = emulator.issueToken({ resources: [YT] });
    emulator.completeJob(
      (await initiate(first.accessToken, { resources: [YT] })).body.archiveJobId,
    );
    expect((await initiate(first.accessToken, { resources: [YT] })).status).toBe(429);
    const reset = await call("POST", "/v1/authorization:reset", {
      token: first.accessToken,
      body: {},
    });
    expect(reset.status).toBe(200);
    expect(reset.body).toEqual({});
    expect((await initiate(first.accessToken, { resources: [YT] })).status).toBe(401);
    expect((await initiate(other.accessToken, { resources: [YT] })).status).toBe(401);
    const fresh = emulator.issueToken({ resources: [YT] });
    expect((await initiate(fresh.accessToken, { resources: [YT] })).status).toBe(200);
  });

  it("keeps 1000 users apart cheaply", { timeout: 20_000 }, async () => {
    const { emulator } = useEmulator();
    const initiateFor = (token: string) =>
      getResponse(
        [...emulator.handlers],
        new Request(`${API}/v1/portabilityArchive:initiate`, {
          method: "POST",
          headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
          body: JSON.stringify({ resources: [YT] }),
        }),
      );
    const tokens = Array.from(
      { length: 1000 },
      (_, i) => emulator.issueToken({ resources: [YT], user: `user-${i}` }).accessToken,
    );
    const started = await Promise.all(tokens.map(initiateFor));
    expect(started.every((r) => r?.status === 200)).toBe(true);
    const ids = await Promise.all(
      started.map(async (r) => ((await r!.json()) as { archiveJobId: string }).archiveJobId),
    );
    expect(new Set(ids).size).toBe(1000);
    expect(emulator.userCount).toBe(1000);
    expect((await initiateFor(tokens[500]!))?.status).toBe(409);
  });
});
