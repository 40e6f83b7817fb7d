import {
  ArchiveCancelledError,
  ArchiveFailedError,
  InvalidArgumentError,
  PortabilityApiError,
  WaitTimeoutError,
} from "@dataportability/core";
import { ArchiveDownloadError, ArchiveVerificationError } from "@dataportability/node";
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
});
