import {
  ArchiveCancelledError,
  ArchiveFailedError,
  InvalidArgumentError,
  PortabilityApiError,
  WaitTimeoutError,
} from "@dataportability/core";
import { ArchiveDownloadError, ArchiveVerificationError } from "@dataportability/node";
import { describe, expect, it } from "vitest";
import {
  ExportFailedError,
  RetriesExhaustedError,
  TokenUnavailableError,
} from "./export-errors.js";
import { reviveExportError, serializeExportError } from "./serialized-error.js";

const roundTrip = (error: unknown) =>
  reviveExportError(JSON.parse(JSON.stringify(serializeExportError(error))));

describe("serializeExportError / reviveExportError", () => {
  it("rebuilds a PortabilityApiError with its helpers", () => {
    const original = new PortabilityApiError({
      httpStatus: 429,
      message: "One-time access was already used.",
      operation: "initiateArchive",
      details: [
        {
          "@type": "type.googleapis.com/google.rpc.ErrorInfo",
          reason: "RESOURCE_EXHAUSTED_ONE_TIME",
          metadata: { previous_job_ids: "a,b" },
        },
      ],
    });
    const revived = roundTrip(original) as PortabilityApiError;
    expect(revived).toBeInstanceOf(PortabilityApiError);
    expect(revived.message).toBe(original.message);
    expect(revived).toMatchObject({
      httpStatus: 429,
      code: "RESOURCE_EXHAUSTED",
      operation: "initiateArchive",
      serverMessage: original.serverMessage,
    });
    expect(revived.isOneTimeExhausted).toBe(true);
    expect(revived.previousJobIds).toEqual(["a", "b"]);
  });

  it.each([
    new ArchiveFailedError("42", ["40", "41", "42"]),
    new ArchiveCancelledError("7"),
    new WaitTimeoutError("9", 1_000, "IN_PROGRESS"),
    new ArchiveVerificationError({
      fileName: "a.zip",
      url: "https://s/a.zip",
      check: "crc32c",
      expected: "x",
      actual: "y",
    }),
    new ArchiveDownloadError(
      { fileName: "a.zip", url: "https://s/a.zip", reason: "http-status", httpStatus: 404 },
      "gone",
    ),
    new InvalidArgumentError("resources", "missing", "a list"),
    new TokenUnavailableError("user-1"),
    new RetriesExhaustedError(10, { name: "TypeError", message: "fetch failed" }),
  ])("rebuilds $name with the same class, message and fields", (original) => {
    const revived = roundTrip(original);
    expect(revived.constructor).toBe(original.constructor);
    expect(revived.message).toBe(original.message);
    const { stack: _a, ...fields } = { ...original };
    const { stack: _b, ...revivedFields } = { ...revived };
    expect(revivedFields).toEqual(fields);
  });

  it("keeps unknown errors as ExportFailedError with the original name", () => {
    const revived = roundTrip(new RangeError("out of disk"));
    expect(revived).toBeInstanceOf(ExportFailedError);
    expect(revived).toMatchObject({ originalName: "RangeError", message: "out of disk" });
  });

  it("never keeps a token or a URL signature", () => {
    const error = new Error(
      "GET https://storage.googleapis.com/b/a.zip?X-Goog-Signature=abc123&x=1 failed with Bearer ya29.secret",
    );
    const stored = JSON.stringify(serializeExportError(error));
    expect(stored).not.toContain("abc123");
    expect(stored).not.toContain("ya29.secret");
  });
});
