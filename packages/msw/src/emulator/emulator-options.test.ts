import { describe, expect, it } from "vitest";
import { resolveEmulatorOptions } from "./emulator-options.js";

describe("resolveEmulatorOptions", () => {
  it("applies the documented defaults", () => {
    const options = resolveEmulatorOptions();
    expect(options).toMatchObject({
      apiUrl: "https://dataportability.googleapis.com",
      storageUrl: "https://storage.googleapis.com",
      oauthUrl: "https://oauth2.googleapis.com",
      accountsUrl: "https://accounts.google.com",
      completeAfterPolls: 2,
      archiveBytes: 65_536,
      archivesPerJob: 1,
      compositeAboveBytes: 64 * 1024 * 1024,
      seed: 1,
      faults: [],
      accessTokenTtlMs: 3_600_000,
      maxRetries: 3,
      retentionMs: 14 * 86_400_000,
    });
    expect(options.completeAfterMs).toBeUndefined();
    const t = options.clock.nowMs();
    expect(options.clock.nowMs()).toBe(t);
  });

  it.each([
    [{ archiveBytes: 10 }, /archiveBytes must be between 1024 and 4000000000, got 10/],
    [{ archivesPerJob: 0 }, /archivesPerJob must be an integer >= 1/],
    [{ completeAfterPolls: 1.5 }, /completeAfterPolls must be an integer/],
    [{ completeAfterMs: -1 }, /completeAfterMs must be >= 0/],
    [{ apiUrl: "not a url" }, /apiUrl must be an absolute URL/],
    [
      { consent: { accessType: "FOREVER" as never } },
      /consent.accessType must be "ONE_TIME" or "TIME_BASED"/,
    ],
    [{ consent: { days: 7 as never } }, /consent.days must be 30 or 180/],
    [{ faults: [{ name: "latency" } as never] }, /ms is required/],
  ])("rejects %j naming the option", (options, message) => {
    expect(() => resolveEmulatorOptions(options)).toThrow(message);
  });
});
