import { describe, expect, it } from "vitest";
import { ProgressTracker } from "./progress-tracker.js";

function clock(start = 0) {
  const state = { now: start };
  return { state, clock: { now: () => state.now } };
}

describe("ProgressTracker", () => {
  it("reports bytes, rate and ETA per file", () => {
    const { state, clock: c } = clock();
    const tracker = new ProgressTracker(c);
    tracker.start("a", { totalBytes: 1000 });
    expect(tracker.file("a")).toEqual({ bytes: 0, totalBytes: 1000, bytesPerSecond: 0 });
    state.now = 1000;
    tracker.add("a", 250);
    expect(tracker.file("a")).toEqual({
      bytes: 250,
      totalBytes: 1000,
      bytesPerSecond: 250,
      etaMs: 3000,
    });
  });

  it("counts resumed bytes as done but not toward the rate", () => {
    const { state, clock: c } = clock();
    const tracker = new ProgressTracker(c);
    tracker.start("a", { totalBytes: 1000, bytes: 600 });
    state.now = 2000;
    tracker.add("a", 200);
    expect(tracker.file("a")).toEqual({
      bytes: 800,
      totalBytes: 1000,
      bytesPerSecond: 100,
      etaMs: 2000,
    });
  });

  it("totals every file; the total size is known only once every size is", () => {
    const { state, clock: c } = clock();
    const tracker = new ProgressTracker(c);
    tracker.start("a", { totalBytes: 100 });
    tracker.start("b");
    state.now = 1000;
    tracker.add("a", 50);
    tracker.add("b", 50);
    expect(tracker.total()).toEqual({ bytes: 100, bytesPerSecond: 100 });
    tracker.update("b", { totalBytes: 300 });
    expect(tracker.total()).toEqual({
      bytes: 100,
      totalBytes: 400,
      bytesPerSecond: 100,
      etaMs: 3000,
    });
  });

  it("measures over a sliding window, so a stall drops the rate to 0", () => {
    const { state, clock: c } = clock();
    const tracker = new ProgressTracker(c, 5000);
    tracker.start("a", { totalBytes: 10_000 });
    for (let t = 1; t <= 10; t++) {
      state.now = t * 1000;
      tracker.add("a", t <= 5 ? 100 : 500);
    }
    expect(tracker.file("a").bytesPerSecond).toBe(500);
    state.now = 20_000;
    expect(tracker.file("a")).toEqual({ bytes: 3000, totalBytes: 10_000, bytesPerSecond: 0 });
  });

  it("resets a file's count when a transfer restarts", () => {
    const { clock: c } = clock();
    const tracker = new ProgressTracker(c);
    tracker.start("a", { bytes: 500 });
    tracker.update("a", { bytes: 0, totalBytes: 900 });
    expect(tracker.file("a")).toMatchObject({ bytes: 0, totalBytes: 900 });
    expect(() => tracker.file("missing")).toThrow(/unknown transfer/);
  });
});
