import {
  ArchiveCancelledError,
  ArchiveFailedError,
  PortabilityApiError,
  type SerializedPoller,
  WaitTimeoutError,
} from "@dataportability/core";
import { ArchiveDownloadError } from "@dataportability/node";
import { describe, expect, it } from "vitest";
import { RetriesExhaustedError, TokenUnavailableError } from "../errors/export-errors.js";
import { serializeExportError } from "../errors/serialized-error.js";
import type { ExportJobData, ExportPhase } from "../export-types.js";
import { resumePhase, retryData } from "./retry-export.js";

const NOW = Date.parse("2026-03-10T12:00:00.000Z");
const DAY = 86_400_000;

const poller: SerializedPoller = {
  version: 1,
  jobId: "j2",
  jobIds: ["j1", "j2"],
  retriesLeft: 2,
  lastState: "IN_PROGRESS",
  checks: 40,
  startedAt: new Date(NOW - 3 * DAY).toISOString(),
  deadline: new Date(NOW + 4 * DAY).toISOString(),
  nextCheckAt: new Date(NOW - DAY).toISOString(),
};

function dead(phase: ExportPhase, error: unknown, patch: Partial<ExportJobData> = {}) {
  const data: ExportJobData = {
    version: 1,
    exportId: "exp_1",
    userId: "user-1",
    resources: ["myactivity.youtube"],
    resetAuthorization: true,
    phase,
    archiveJobId: "j2",
    accessType: "ONE_TIME",
    reusedJob: false,
    poller,
    transientFailures: 9,
    createdAt: new Date(NOW - 3 * DAY).toISOString(),
    error: serializeExportError(error),
    ...patch,
  };
  return data;
}

const apiError = (httpStatus: number, code: string) =>
  new PortabilityApiError({ httpStatus, code, message: "no", details: [] });

describe("where a dead export runs again", () => {
  it.each([
    [
      "a poll whose archive job FAILED after its retries",
      "poll",
      new ArchiveFailedError("j2", ["j1", "j2"]),
    ],
    ["a poll whose archive job was CANCELLED", "poll", new ArchiveCancelledError("j2")],
    ["a poll whose archive job the API does not know", "poll", apiError(404, "NOT_FOUND")],
    [
      "a download whose data Cloud Storage no longer has",
      "download",
      new ArchiveDownloadError(
        { fileName: "a.zip", url: "https://storage/a.zip", reason: "http-status", httpStatus: 404 },
        "NoSuchKey",
      ),
    ],
    [
      "an export that died before it had an archive job",
      "initiate",
      apiError(403, "PERMISSION_DENIED"),
    ],
  ] as const)("starts again from initiate: %s", (_case, phase, error) => {
    expect(resumePhase(dead(phase, error), "auto")).toBe("initiate");
  });

  it.each([
    ["a poll past its deadline", "poll", new WaitTimeoutError("j2", 7 * DAY, "IN_PROGRESS")],
    ["a poll whose token was refused", "poll", apiError(401, "UNAUTHENTICATED")],
    ["a poll whose user had no token", "poll", new TokenUnavailableError("user-1")],
    [
      "a poll during an outage",
      "poll",
      new RetriesExhaustedError(10, { name: "E", message: "503" }),
    ],
    ["a download that failed", "download", new Error("bucket unavailable")],
    ["a reset that failed", "reset", apiError(500, "INTERNAL")],
  ] as const)("resumes where it died: %s", (_case, phase, error) => {
    expect(resumePhase(dead(phase, error), "auto")).toBe(phase);
  });

  it("starts from initiate when asked, whatever the phase", () => {
    for (const phase of ["poll", "download", "reset"] as const) {
      expect(resumePhase(dead(phase, new Error("x")), "start")).toBe("initiate");
    }
  });

  it("starts from initiate when a poll has no poller state to resume", () => {
    expect(resumePhase(dead("poll", new Error("x"), { poller: undefined }), "auto")).toBe(
      "initiate",
    );
  });
});

describe("the data a dead export runs again with", () => {
  it("forgets the archive job, the error and the failures when starting again", () => {
    const data = dead("download", new Error("x"), { files: [], resetStarted: true, reset: "done" });
    expect(retryData(data, "initiate", NOW)).toEqual({
      version: 1,
      exportId: "exp_1",
      userId: "user-1",
      resources: ["myactivity.youtube"],
      resetAuthorization: true,
      phase: "initiate",
      transientFailures: 0,
      createdAt: data.createdAt,
    });
  });

  it("keeps the archive job and poller when resuming a poll, checking at once", () => {
    const next = retryData(dead("poll", apiError(401, "UNAUTHENTICATED")), "poll", NOW);
    expect(next.error).toBeUndefined();
    expect(next.transientFailures).toBe(0);
    expect(next.archiveJobId).toBe("j2");
    expect(next.poller).toEqual({ ...poller, nextCheckAt: new Date(NOW).toISOString() });
  });

  it("gives a poll that timed out its whole wait again", () => {
    const expired: SerializedPoller = {
      ...poller,
      startedAt: new Date(NOW - 9 * DAY).toISOString(),
      deadline: new Date(NOW - 2 * DAY).toISOString(),
    };
    const data = dead("poll", new WaitTimeoutError("j2", 7 * DAY, "IN_PROGRESS"), {
      poller: expired,
    });
    const next = retryData(data, "poll", NOW);
    expect(next.poller?.deadline).toBe(new Date(NOW + 7 * DAY).toISOString());
    expect(next.poller?.startedAt).toBe(expired.startedAt);
    expect(next.poller?.jobIds).toEqual(["j1", "j2"]);
  });

  it("keeps what a resumed reset needs to know", () => {
    const next = retryData(
      dead("reset", apiError(500, "INTERNAL"), { resetStarted: true }),
      "reset",
      NOW,
    );
    expect(next).toMatchObject({ phase: "reset", resetStarted: true, archiveJobId: "j2" });
    expect(next.error).toBeUndefined();
  });
});
