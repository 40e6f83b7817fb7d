import {
  ArchiveCancelledError,
  ArchiveFailedError,
  InvalidArgumentError,
  PortabilityApiError,
  WaitTimeoutError,
} from "@dataportability/core";
import { OAuthError } from "@dataportability/core/oauth";
import {
  ArchiveDownloadError,
  ArchiveVerificationError,
  ArchiveWriteError,
} from "@dataportability/node";
import { describe, expect, it } from "vitest";
import { EXIT_CODES } from "./exit-codes.js";
import { explainError } from "./explain-error.js";

const errorInfo = (reason: string, metadata: Record<string, string> = {}) => [
  {
    "@type": "type.googleapis.com/google.rpc.ErrorInfo",
    reason,
    domain: "dataportability.googleapis.com",
    metadata,
  },
];

describe("explainError", () => {
  const now = new Date("2026-01-01T12:00:00Z");

  it("429 one-time: consent used; download, reset, log in again", () => {
    const error = new PortabilityApiError({
      httpStatus: 429,
      message: "Requested resources have already been exported.",
      details: errorInfo("RESOURCE_EXHAUSTED_ONE_TIME", { previous_job_ids: "111,222" }),
    });
    const explained = explainError(error, { server: "Google", now });
    expect(explained.exitCode).toBe(EXIT_CODES.quota);
    expect(explained.message).toContain("This one-time consent has been used");
    expect(explained.hint).toContain(
      "run `dataportability reset` after downloading, then `dataportability login` again",
    );
    expect(explained.hint).toContain("Earlier jobs: 111, 222");
    expect(explained.hint).toContain("dataportability download 111");
  });

  it("429 time-based: the time of the next allowed export, also as FAILED_PRECONDITION", () => {
    for (const httpStatus of [429, 412]) {
      const error = new PortabilityApiError({
        httpStatus,
        message: "Export limit reached.",
        details: errorInfo("RESOURCE_EXHAUSTED_TIME_BASED", {
          timestamp_after_24hrs: "2026-01-02T09:30:00Z",
        }),
      });
      const explained = explainError(error, { now });
      expect(explained.exitCode).toBe(EXIT_CODES.quota);
      expect(explained.hint).toContain(
        "The next export is allowed at 2026-01-02T09:30:00.000Z (in 21 h 30 min).",
      );
    }
  });

  it("401, 403: authentication (exit 3) with what to run", () => {
    const unauthenticated = explainError(
      new PortabilityApiError({ httpStatus: 401, message: "Invalid credentials" }),
      { server: "Google" },
    );
    expect(unauthenticated).toMatchObject({ exitCode: 3, code: "auth" });
    expect(unauthenticated.message).toBe(
      "Google refused the credentials (401 UNAUTHENTICATED): the access token expired or was revoked. Invalid credentials.",
    );
    const denied = explainError(new PortabilityApiError({ httpStatus: 403, message: "no scope" }));
    expect(denied).toMatchObject({ exitCode: 3, code: "permission" });
    expect(denied.hint).toContain("dataportability login --resource");
  });

  it("404 names the job, with the embedded emulator's limits when it answered", () => {
    const error = new PortabilityApiError({ httpStatus: 404, message: "not found" });
    const embedded = explainError(error, {
      server: "the embedded emulator",
      embedded: true,
      jobId: "42",
    });
    expect(embedded.exitCode).toBe(EXIT_CODES.usage);
    expect(embedded.message).toContain('no such job "42"');
    expect(embedded.hint).toContain("DATAPORTABILITY_EMULATOR_URL");
  });

  it("other 429s and 5xx: retry later", () => {
    const limited = explainError(
      new PortabilityApiError({ httpStatus: 429, message: "slow down", retryAfterMs: 30_000 }),
      { now },
    );
    expect(limited.exitCode).toBe(EXIT_CODES.quota);
    expect(limited.hint).toContain("2026-01-01T12:00:30.000Z");
    expect(explainError(new PortabilityApiError({ httpStatus: 503, message: "x" })).exitCode).toBe(
      1,
    );
  });

  it("job outcomes, verification, input and interruption map to their exit codes", () => {
    expect(explainError(new ArchiveFailedError("9")).hint).toContain("dataportability retry 9");
    expect(explainError(new ArchiveFailedError("9")).exitCode).toBe(EXIT_CODES.jobFailed);
    expect(explainError(new ArchiveCancelledError("9")).exitCode).toBe(EXIT_CODES.jobFailed);
    expect(explainError(new WaitTimeoutError("9", 1000, "IN_PROGRESS")).hint).toContain(
      "dataportability wait 9",
    );
    const verification = new ArchiveVerificationError({
      fileName: "a.zip",
      url: "https://storage.googleapis.com/a.zip",
      check: "crc32c",
      expected: "AAAA",
      actual: "BBBB",
    });
    expect(explainError(verification).exitCode).toBe(EXIT_CODES.verification);
    const expired = new ArchiveDownloadError(
      { fileName: "a.zip", url: "https://storage.googleapis.com/a.zip", reason: "url-expired" },
      "links expired",
    );
    expect(explainError(expired, { jobId: "9" }).hint).toContain("dataportability download 9");
    const portal = new ArchiveDownloadError(
      { fileName: "a.zip", url: "https://storage.googleapis.com/a.zip", reason: "not-an-archive" },
      "the answer is an HTML page",
    );
    expect(explainError(portal).hint).toMatch(/captive portal or a proxy/);
    expect(explainError(new InvalidArgumentError("resources", "empty", "a list")).exitCode).toBe(2);
    expect(
      explainError(new Error("boom"), { interrupted: true, interruptHint: "resume" }),
    ).toMatchObject({
      exitCode: 130,
      hint: "resume",
    });
  });

  it("names network failures and keeps unexpected errors apart", () => {
    const network = new TypeError("fetch failed", {
      cause: Object.assign(new Error("x"), { code: "ECONNREFUSED" }),
    });
    expect(explainError(network, { server: "Google" }).message).toBe(
      "Could not reach Google: ECONNREFUSED.",
    );
    const unexpected = explainError(new Error("boom"));
    expect(unexpected).toMatchObject({ exitCode: 1, message: "Unexpected error: boom" });
    expect(unexpected.hint).toContain("DATAPORTABILITY_DEBUG=1");
  });

  it("hints that fit: no DATAPORTABILITY_DEBUG advice when it is set", () => {
    const unexpected = explainError(new Error("boom"), { debug: true });
    expect(unexpected.hint).not.toContain("DATAPORTABILITY_DEBUG");
    expect(unexpected.hint).toContain("stack trace below");
  });

  it("credentials from the environment that are refused point at the variable, not at login", () => {
    const refused = explainError(new OAuthError("invalid_grant", "Token has been revoked.", 400), {
      server: "Google",
      credentialsVariable: "DATAPORTABILITY_REFRESH_TOKEN",
    });
    expect(refused).toMatchObject({ exitCode: EXIT_CODES.auth, code: "auth" });
    expect(refused.message).toContain("refused the credentials in DATAPORTABILITY_REFRESH_TOKEN");
    expect(refused.hint).toMatch(/^Set a fresh DATAPORTABILITY_REFRESH_TOKEN/);
    const expired = explainError(new PortabilityApiError({ httpStatus: 401, message: "x" }), {
      credentialsVariable: "DATAPORTABILITY_ACCESS_TOKEN",
    });
    expect(expired.hint).toMatch(/^Set a fresh DATAPORTABILITY_ACCESS_TOKEN \(an access token/);
    // Without a variable, a refused sign-in still says to log in again.
    expect(explainError(new OAuthError("access_denied")).hint).toContain("dataportability login");
  });

  it("carries the facts scripts need: reason, HTTP status, job, next allowed time, earlier jobs, wait", () => {
    const timeBased = explainError(
      new PortabilityApiError({
        httpStatus: 429,
        message: "x",
        details: errorInfo("RESOURCE_EXHAUSTED_TIME_BASED", {
          previous_job_ids: "111",
          timestamp_after_24hrs: "2026-01-02T12:00:00Z",
        }),
      }),
      { now, jobId: "999" },
    );
    expect(timeBased).toMatchObject({
      reason: "RESOURCE_EXHAUSTED_TIME_BASED",
      httpStatus: 429,
      jobId: "999",
      nextAllowedAt: "2026-01-02T12:00:00.000Z",
      previousJobIds: ["111"],
    });
    const limited = explainError(
      new PortabilityApiError({ httpStatus: 429, message: "x", retryAfterMs: 30_000 }),
      { now },
    );
    expect(limited.retryAfterMs).toBe(30_000);
    expect(explainError(new ArchiveCancelledError("j1")).jobId).toBe("j1");
    expect(explainError(new ArchiveFailedError("j3", ["j1", "j2", "j3"])).jobId).toBe("j3");
    const disk = explainError(new ArchiveWriteError({ code: "EROFS", path: "/mnt/ro" }));
    expect(disk).toMatchObject({ exitCode: EXIT_CODES.disk, code: "disk", path: "/mnt/ro" });
    expect(disk.message).toBe("Cannot write /mnt/ro: the file system is read-only (EROFS).");
    expect(disk.hint).not.toMatch(/unexpected|DEBUG/i);
  });
});
