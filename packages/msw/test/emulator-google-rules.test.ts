import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { emulatorHarness, errorInfo } from "./support/emulator-harness.js";

const useEmulator = emulatorHarness();
const YT = "myactivity.youtube";
const SEARCH = "myactivity.search";

describe("authorization.reset revokes earlier archives", () => {
  it("their signed URLs stop serving (Cloud Storage XML) and their state is not found for the new consent", async () => {
    const { emulator, call, initiate, state } = useEmulator({ completeAfterPolls: 0 });
    const first = emulator.issueToken({ resources: [YT] });
    const id = (await initiate(first.accessToken, { resources: [YT] })).body.archiveJobId;
    const { urls } = (await state(first.accessToken, id)).body;
    expect((await fetch(urls[0], { method: "HEAD" })).status).toBe(200);

    expect(
      (await call("POST", "/v1/authorization:reset", { token: first.accessToken, body: {} }))
        .status,
    ).toBe(200);

    const download = await fetch(urls[0]);
    expect(download.status).toBe(403);
    expect(download.headers.get("content-type")).toContain("application/xml");
    expect(await download.text()).toContain("<Code>AccessDenied</Code>");

    const fresh = emulator.issueToken({ resources: [YT] });
    const read = await state(fresh.accessToken, id);
    expect(read.status).toBe(404);
    expect(read.body.error.status).toBe("NOT_FOUND");
    // The new consent exports again, and its own archive is served.
    const next = (await initiate(fresh.accessToken, { resources: [YT] })).body.archiveJobId;
    const nextUrls = (await state(fresh.accessToken, next)).body.urls;
    expect((await fetch(nextUrls[0])).status).toBe(200);
  });

  it("a job running at the reset no longer blocks an identical job of the new consent", async () => {
    const { emulator, call, initiate } = useEmulator({ completeAfterPolls: 5 });
    const first = emulator.issueToken({ resources: [YT] });
    const running = (await initiate(first.accessToken, { resources: [YT] })).body.archiveJobId;
    await call("POST", "/v1/authorization:reset", { token: first.accessToken, body: {} });
    const fresh = emulator.issueToken({ resources: [YT] });
    const again = await initiate(fresh.accessToken, { resources: [YT] });
    expect(again.status).toBe(200);
    expect(again.body.archiveJobId).not.toBe(running);
  });
});

describe("state, retry and cancel need the job's scopes", () => {
  it("403 PERMISSION_DENIED when the token lacks a resource of the job", async () => {
    const { emulator, call, initiate, state } = useEmulator({
      completeAfterPolls: 5,
      faults: [{ name: "job-fails" }],
    });
    const both = emulator.issueToken({ resources: [YT, SEARCH] });
    const id = (await initiate(both.accessToken, { resources: [YT, SEARCH] })).body.archiveJobId;
    const narrow = emulator.issueToken({ resources: [YT] });

    const read = await state(narrow.accessToken, id);
    expect(read.status).toBe(403);
    expect(read.body.error.status).toBe("PERMISSION_DENIED");
    expect(read.body.error.message).toContain(SEARCH);
    expect(errorInfo(read.body)).toMatchObject({
      reason: "ACCESS_TOKEN_SCOPE_INSUFFICIENT",
      metadata: {
        method: "google.dataportability.v1.DataPortabilityService.GetPortabilityArchiveState",
      },
    });
    const cancel = await call("POST", `/v1/archiveJobs/${id}:cancel`, {
      token: narrow.accessToken,
      body: {},
    });
    expect(cancel.status).toBe(403);
    expect(emulator.job(id)?.state).toBe("IN_PROGRESS");

    emulator.failJob(id);
    const retry = await call("POST", `/v1/archiveJobs/${id}:retry`, {
      token: narrow.accessToken,
      body: {},
    });
    expect(retry.status).toBe(403);
    expect(errorInfo(retry.body).metadata.method).toContain("RetryPortabilityArchive");
    // The token that covers the job may retry it.
    const allowed = await call("POST", `/v1/archiveJobs/${id}:retry`, {
      token: both.accessToken,
      body: {},
    });
    expect(allowed.status).toBe(200);
  });
});

describe("time-based export again within 24 hours", () => {
  const refusedAgain = async (options: Parameters<typeof useEmulator>[0]) => {
    const { emulator, initiate } = useEmulator({ completeAfterPolls: 0, ...options });
    const { accessToken } = emulator.issueToken({
      resources: [YT],
      accessType: "TIME_BASED",
      expiresInMs: 3 * 86_400_000,
    });
    const first = (await initiate(accessToken, { resources: [YT] })).body.archiveJobId;
    emulator.completeJob(first);
    emulator.clock.advance(3_600_000);
    return { first, again: await initiate(accessToken, { resources: [YT] }) };
  };

  it("by default: 429 RESOURCE_EXHAUSTED with timestamp_after_24hrs", async () => {
    const { first, again } = await refusedAgain({});
    expect(again.status).toBe(429);
    expect(again.body.error.status).toBe("RESOURCE_EXHAUSTED");
    expect(errorInfo(again.body)).toMatchObject({
      reason: "RESOURCE_EXHAUSTED_TIME_BASED",
      metadata: { timestamp_after_24hrs: "2026-01-02T00:00:00Z", previous_job_ids: first },
    });
  });

  it('with timeBasedRefusal: "FAILED_PRECONDITION": 400 with the same ErrorInfo', async () => {
    const { first, again } = await refusedAgain({ timeBasedRefusal: "FAILED_PRECONDITION" });
    expect(again.status).toBe(400);
    expect(again.body.error.status).toBe("FAILED_PRECONDITION");
    expect(errorInfo(again.body)).toMatchObject({
      reason: "RESOURCE_EXHAUSTED_TIME_BASED",
      metadata: { timestamp_after_24hrs: "2026-01-02T00:00:00Z", previous_job_ids: first },
    });
  });

  it("refuses an unknown timeBasedRefusal by name", () => {
    expect(() =>
      // @ts-expect-error: not one of the two statuses
      useEmulator({ timeBasedRefusal: "ABORTED" }),
    ).toThrow(/timeBasedRefusal must be "RESOURCE_EXHAUSTED" or "FAILED_PRECONDITION"/);
  });
});

describe("one-time access and jobs that end CANCELLED or FAILED", () => {
  it("a cancelled job keeps its one-time access used: initiate again is 429 until a reset", async () => {
    const { emulator, call, initiate } = useEmulator({ completeAfterPolls: 5 });
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const id = (await initiate(accessToken, { resources: [YT] })).body.archiveJobId;
    await call("POST", `/v1/archiveJobs/${id}:cancel`, { token: accessToken, body: {} });
    expect(emulator.job(id)?.state).toBe("CANCELLED");
    const again = await initiate(accessToken, { resources: [YT] });
    expect(again.status).toBe(429);
    expect(errorInfo(again.body)).toMatchObject({
      reason: "RESOURCE_EXHAUSTED_ONE_TIME",
      metadata: { previous_job_ids: id },
    });
  });

  it("a failed job keeps it used too; retry is the way on, without new consent", async () => {
    const { emulator, call, initiate } = useEmulator({
      completeAfterPolls: 0,
      faults: [{ name: "job-fails", times: 1 }],
    });
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const id = (await initiate(accessToken, { resources: [YT] })).body.archiveJobId;
    emulator.failJob(id);
    expect((await initiate(accessToken, { resources: [YT] })).status).toBe(429);
    const retried = await call("POST", `/v1/archiveJobs/${id}:retry`, {
      token: accessToken,
      body: {},
    });
    expect(retried.status).toBe(200);
  });
});

describe("timestamps as Google writes them", () => {
  it("Z-normalized with 0, 3, 6 or 9 fractional digits; exportTime is the request's endTime", async () => {
    const { emulator, initiate, state } = useEmulator({ completeAfterPolls: 0 });
    const { accessToken } = emulator.issueToken({ resources: [YT, SEARCH] });
    const id = (
      await initiate(accessToken, {
        resources: [YT],
        startTime: "2025-01-01T05:30:00.000123456+05:30",
        endTime: "2025-02-01T00:00:00.250Z",
      })
    ).body.archiveJobId;
    const read = (await state(accessToken, id)).body;
    expect(read.startTime).toBe("2025-01-01T00:00:00.000123456Z");
    expect(read.exportTime).toBe("2025-02-01T00:00:00.250Z");

    const open = (await initiate(accessToken, { resources: [SEARCH] })).body.archiveJobId;
    expect((await state(accessToken, open)).body.exportTime).toBe("2026-01-01T00:00:00Z");
  });
});

describe("time filters apply only to the groups Google lists", () => {
  it("records of myactivity.* and chrome.history fall in the window; other groups' records do not", async () => {
    const { emulator, initiate, state } = useEmulator({ completeAfterPolls: 0 });
    const resources = [YT, "chrome.history", "chrome.bookmarks", "youtube.comments"] as const;
    const { accessToken } = emulator.issueToken({ resources });
    const id = (
      await initiate(accessToken, {
        resources,
        startTime: "2025-12-01T00:00:00Z",
        endTime: "2025-12-15T00:00:00Z",
      })
    ).body.archiveJobId;
    const [url] = (await state(accessToken, id)).body.urls;
    const file = join(mkdtempSync(join(tmpdir(), "dp-time-filter-")), "a.zip");
    writeFileSync(file, await emulator.archiveBytes(url));
    const names = execFileSync("unzip", ["-Z1", file]).toString().trim().split("\n");
    // RFC 3339 times in JSON and CSV, Chrome's microseconds since the epoch, and the seconds of
    // a bookmarks page's ADD_DATE.
    const times = (name: string) =>
      [
        ...execFileSync("unzip", ["-p", file, name])
          .toString()
          .matchAll(/(\d{4}-\d\d-\d\dT[\d:.]+Z)|"time_usec":(\d+)|ADD_DATE="(\d+)"/g),
      ].map(
        (m) => m[1] ?? new Date(m[2] ? Number(m[2]) / 1000 : Number(m[3]) * 1000).toISOString(),
      );
    const inWindow = (t: string) => t >= "2025-12-01T00:00:00" && t <= "2025-12-15T00:00:00.000Z";
    // Media files carry no times.
    for (const name of names.filter((n) => !/\.(jpg|png|mp4)$/.test(n))) {
      const found = times(name);
      expect(found.length, name).toBeGreaterThan(0);
      const filtered = name.includes("My Activity") || name.includes("Chrome/History");
      if (filtered) expect(found.every(inWindow), name).toBe(true);
      else
        expect(
          found.some((t) => !inWindow(t)),
          name,
        ).toBe(true);
    }
    expect(names.some((n) => n.includes("Chrome/Bookmarks"))).toBe(true);
  });
});

describe("consents that mix one-time and time-based resources", () => {
  it("accessType.check answers both lists; initiate follows each resource's own rule", async () => {
    const { emulator, call, initiate } = useEmulator({ completeAfterPolls: 0 });
    const { accessToken } = emulator.issueToken({
      resources: [YT, SEARCH],
      accessType: "TIME_BASED",
      oneTimeResources: [SEARCH],
      expiresInMs: 3 * 86_400_000,
    });
    const check = await call("POST", "/v1/accessType:check", { token: accessToken, body: {} });
    expect(check.body).toEqual({ oneTimeResources: [SEARCH], timeBasedResources: [YT] });

    const timeBased = await initiate(accessToken, { resources: [YT] });
    expect(timeBased.body.accessType).toBe("ACCESS_TYPE_TIME_BASED");
    const oneTime = await initiate(accessToken, { resources: [SEARCH] });
    expect(oneTime.body.accessType).toBe("ACCESS_TYPE_ONE_TIME");

    emulator.clock.advance(86_400_000);
    // A day later the time-based resource exports again; the one-time one stays used.
    expect((await initiate(accessToken, { resources: [YT] })).status).toBe(200);
    const again = await initiate(accessToken, { resources: [SEARCH] });
    expect(again.status).toBe(429);
    expect(errorInfo(again.body)).toMatchObject({
      reason: "RESOURCE_EXHAUSTED_ONE_TIME",
      metadata: { previous_job_ids: oneTime.body.archiveJobId },
    });
  });

  it("the scripted consent screen can grant a mix, and refuses a mix without TIME_BASED", async () => {
    expect(() =>
      useEmulator({ consent: { accessType: "ONE_TIME", oneTimeResources: [SEARCH] } }),
    ).toThrow(/oneTimeResources mixes access types, so it needs accessType: "TIME_BASED"/);
    const { emulator } = useEmulator();
    expect(() => emulator.issueToken({ resources: [YT], oneTimeResources: [YT] })).toThrow(
      /needs accessType: "TIME_BASED"/,
    );
  });
});
