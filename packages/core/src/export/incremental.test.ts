import { describe, expect, it } from "vitest";
import { PortabilityApiError } from "../errors/portability-api-error.js";
import { nextExportAllowedAt } from "./incremental.js";

const errorInfo = (reason: string, metadata: Record<string, string> = {}) => [
  { "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, metadata },
];
const previousExportAt = new Date("2026-01-01T08:00:00Z");

describe("the 24-hour limit of time-based access, in both of Google's forms", () => {
  const quickstart = new PortabilityApiError({
    httpStatus: 429,
    code: "RESOURCE_EXHAUSTED",
    message: "exhausted",
    operation: "initiateArchive",
    details: errorInfo("RESOURCE_EXHAUSTED_TIME_BASED", {
      timestamp_after_24hrs: "2026-01-02T09:30:00Z",
    }),
  });
  // Google's time-based guide: a second initiate within 24 hours fails with FAILED_PRECONDITION.
  const guide = new PortabilityApiError({
    httpStatus: 400,
    code: "FAILED_PRECONDITION",
    message: "precondition",
    operation: "initiateArchive",
  });

  it("429 RESOURCE_EXHAUSTED_TIME_BASED: the time the answer gives", () => {
    expect(quickstart.isTimeBasedExhausted).toBe(true);
    expect(quickstart.nextAllowedAt).toEqual(new Date("2026-01-02T09:30:00Z"));
    expect(nextExportAllowedAt(quickstart, previousExportAt)).toEqual(
      new Date("2026-01-02T09:30:00Z"),
    );
  });

  it("FAILED_PRECONDITION on initiate: 24 hours after the previous export, or its timestamp", () => {
    expect(guide.isTimeBasedExhausted).toBe(true);
    expect(guide.nextAllowedAt).toBeUndefined();
    expect(nextExportAllowedAt(guide)).toBeUndefined();
    expect(nextExportAllowedAt(guide, previousExportAt)).toEqual(new Date("2026-01-02T08:00:00Z"));
    const withTime = new PortabilityApiError({
      httpStatus: 400,
      code: "FAILED_PRECONDITION",
      message: "precondition",
      operation: "initiateArchive",
      details: errorInfo("RESOURCE_EXHAUSTED_TIME_BASED", {
        timestamp_after_24hrs: "1767346200",
      }),
    });
    expect(withTime.isTimeBasedExhausted).toBe(true);
    expect(nextExportAllowedAt(withTime)).toEqual(new Date("2026-01-02T09:30:00Z"));
  });

  it("is not any other refusal", () => {
    const others = [
      // retry and cancel of a job in the wrong state answer FAILED_PRECONDITION too
      new PortabilityApiError({
        httpStatus: 400,
        code: "FAILED_PRECONDITION",
        message: "not failed",
        operation: "retryArchive",
      }),
      new PortabilityApiError({
        httpStatus: 429,
        message: "used",
        operation: "initiateArchive",
        details: errorInfo("RESOURCE_EXHAUSTED_ONE_TIME"),
      }),
      new PortabilityApiError({ httpStatus: 429, message: "slow down" }),
    ];
    for (const error of others) {
      expect(error.isTimeBasedExhausted).toBe(false);
      expect(nextExportAllowedAt(error, previousExportAt)).toBeUndefined();
    }
    expect(nextExportAllowedAt(new Error("other"), previousExportAt)).toBeUndefined();
  });
});
