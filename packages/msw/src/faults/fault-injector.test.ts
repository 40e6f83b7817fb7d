import { describe, expect, it } from "vitest";
import { FaultInjector } from "./fault-injector.js";

const initiate = {
  area: "api",
  operationId: "dataportability.portabilityArchive.initiate",
} as const;
const state = {
  area: "api",
  operationId: "dataportability.archiveJobs.getPortabilityArchiveState",
} as const;

describe("FaultInjector", () => {
  it("hits `times` requests after skipping `skip`", () => {
    const faults = new FaultInjector(1, [{ name: "server-error", status: 503, times: 2, skip: 1 }]);
    expect([1, 2, 3, 4].map(() => faults.failure(initiate)?.status)).toEqual([
      undefined,
      503,
      503,
      undefined,
    ]);
  });

  it("matches by short name, operation id or area, with per-fault defaults", () => {
    const faults = new FaultInjector(1, [
      { name: "rate-limit", match: "getPortabilityArchiveState" },
      { name: "server-error", match: "storage" },
    ]);
    expect(faults.failure(initiate)).toBeUndefined();
    expect(faults.failure(state)?.status).toBe(429);
    expect(faults.failure({ area: "storage" })?.status).toBe(503);
    expect(faults.failure({ area: "oauth" })).toBeUndefined();
    const byId = new FaultInjector(1, [
      { name: "html-proxy-page", match: ["dataportability.portabilityArchive.initiate"] },
    ]);
    expect(byId.failure(initiate)?.headers.get("content-type")).toContain("text/html");
    expect(byId.failure(state)).toBeUndefined();
  });

  it("draws probabilities from the seed: same seed, same hits", () => {
    const run = (seed: number) => {
      const faults = new FaultInjector(seed, [{ name: "rate-limit", probability: 0.3 }]);
      return Array.from({ length: 40 }, () => (faults.failure(initiate) ? 1 : 0)).join("");
    };
    expect(run(5)).toBe(run(5));
    expect(run(5)).not.toBe(run(6));
    const hits = [...run(5)].filter((c) => c === "1").length;
    expect(hits).toBeGreaterThan(3);
    expect(hits).toBeLessThan(25);
  });

  it("adds latency with seeded jitter, and resets downloads after some bytes", () => {
    const faults = new FaultInjector(1, [
      { name: "latency", ms: 100, jitterMs: 50 },
      { name: "reset-mid-download", times: 1 },
    ]);
    const delay = faults.latencyMs(initiate);
    expect(delay).toBeGreaterThanOrEqual(100);
    expect(delay).toBeLessThan(150);
    expect(faults.resetAfter({ area: "storage" }, 1000)).toBe(500);
    expect(faults.resetAfter({ area: "storage" }, 1000)).toBeUndefined();
  });

  it("corrupts the byte at atByte only in downloads that carry it, counting only those", () => {
    const storage = { area: "storage" } as const;
    const faults = new FaultInjector(1, [{ name: "corrupt-bytes", atByte: 300, times: 1 }]);
    expect(faults.corruptAt(storage, 1000, 0, 1)).toBeUndefined(); // bytes=0-0
    expect(faults.corruptAt(storage, 1000, 301, 1000)).toBeUndefined();
    expect(faults.corruptAt(storage, 1000, 300, 1000)).toBe(300);
    expect(faults.corruptAt(storage, 1000, 0, 1000)).toBeUndefined(); // times: 1, used up
    const api = new FaultInjector(1, [{ name: "corrupt-bytes", atByte: 300 }]);
    expect(api.corruptAt(initiate, 1000, 0, 1000)).toBeUndefined();
  });

  it("caps storage downloads at the bandwidth fault's rate, and nothing else", () => {
    const faults = new FaultInjector(1, [{ name: "bandwidth", bytesPerSecond: 50 * 2 ** 20 }]);
    expect(faults.bandwidth({ area: "storage" })).toBe(50 * 2 ** 20);
    expect(faults.bandwidth({ area: "storage" })).toBe(50 * 2 ** 20); // every connection
    expect(faults.bandwidth(initiate)).toBeUndefined();
    expect(() => new FaultInjector(1, [{ name: "bandwidth", bytesPerSecond: 0 }])).toThrow(
      "faults[0] (bandwidth): bytesPerSecond must be a number >= 1, got 0",
    );
    expect(() => new FaultInjector(1, [{ name: "bandwidth" } as never])).toThrow(
      "faults[0] (bandwidth): bytesPerSecond is required",
    );
  });

  it("corrupts the middle of the object by default, and the last byte when atByte lies past it", () => {
    const storage = { area: "storage" } as const;
    const middle = new FaultInjector(1, [{ name: "corrupt-bytes", skip: 1 }]);
    expect(middle.corruptAt(storage, 1001, 0, 1001)).toBeUndefined(); // skipped
    expect(middle.corruptAt(storage, 1001, 0, 1001)).toBe(500);
    expect(middle.corruptAt(storage, 1001, 400, 600)).toBe(500);
    expect(middle.corruptAt(storage, 1001, 501, 1001)).toBeUndefined();
    const past = new FaultInjector(1, [{ name: "corrupt-bytes", atByte: 5000 }]);
    expect(past.corruptAt(storage, 1000, 0, 1000)).toBe(999);
    expect(past.corruptAt(storage, 0, 0, 0)).toBeUndefined();
  });

  it("reports the shortest early expiry and job failures", () => {
    const faults = new FaultInjector(1, [
      { name: "early-url-expiry", afterMs: 60_000 },
      { name: "early-url-expiry", afterMs: 30_000 },
      { name: "job-fails", times: 1 },
    ]);
    expect(faults.earlyExpiryMs()).toBe(30_000);
    expect(faults.jobFails("dataportability.portabilityArchive.initiate")).toBe(true);
    expect(faults.jobFails("dataportability.archiveJobs.retry")).toBe(false);
    faults.set([]);
    expect(faults.earlyExpiryMs()).toBeUndefined();
  });

  it("rejects unknown names and bad numbers, naming what is allowed", () => {
    expect(() => new FaultInjector(1, [{ name: "explode" } as never])).toThrow(
      /unknown fault name "explode"; allowed: rate-limit/,
    );
    expect(() => new FaultInjector(1, [{ name: "latency", ms: -1 }])).toThrow(
      /ms must be a number >= 0/,
    );
    expect(() => new FaultInjector(1, [{ name: "rate-limit", probability: 2 }])).toThrow(
      /probability/,
    );
    expect(() => new FaultInjector(1, [{ name: "corrupt-bytes", atByte: -1 }])).toThrow(
      "faults[0] (corrupt-bytes): atByte must be a number >= 0, got -1",
    );
    expect(() => new FaultInjector(1, [{ name: "corrupt-bytes", atByte: 1.5 }])).toThrow(
      "faults[0] (corrupt-bytes): atByte must be a whole byte offset, got 1.5",
    );
    expect(
      () => new FaultInjector(1, [{ name: "corrupt-bytes", atByte: "10" as unknown as number }]),
    ).toThrow(/atByte must be a number >= 0, got 10/);
  });
});
