import { describe, expect, it } from "vitest";
import { VirtualClock } from "./virtual-clock.js";

describe("VirtualClock", () => {
  it("stays still until advanced, then moves exactly", () => {
    const clock = new VirtualClock(new Date("2026-01-01T00:00:00Z"));
    expect(clock.now().toISOString()).toBe("2026-01-01T00:00:00.000Z");
    clock.advance(24 * 3_600_000);
    expect(clock.now().toISOString()).toBe("2026-01-02T00:00:00.000Z");
    clock.set(new Date("2025-06-01T00:00:00Z"));
    expect(clock.nowMs()).toBe(Date.parse("2025-06-01T00:00:00Z"));
  });

  it("rejects negative or non-finite advances and invalid start dates", () => {
    const clock = new VirtualClock(0);
    expect(() => clock.advance(-1)).toThrow(RangeError);
    expect(() => clock.advance(Number.NaN)).toThrow(/finite/);
    expect(() => new VirtualClock(new Date("nope"))).toThrow(TypeError);
  });

  it("wakes sleepers in time order when advanced", async () => {
    const clock = new VirtualClock(0);
    const woke: string[] = [];
    const a = clock.sleep(2_000).then(() => woke.push("a"));
    const b = clock.sleep(1_000).then(() => woke.push("b"));
    expect(clock.pendingSleeps).toBe(2);
    clock.advance(999);
    await Promise.resolve();
    expect(woke).toEqual([]);
    clock.advance(1_001);
    await Promise.all([a, b]);
    expect(woke).toEqual(["b", "a"]);
    expect(clock.pendingSleeps).toBe(0);
  });

  it("advanceAsync lets chained sleeps run, like a poller", async () => {
    const clock = new VirtualClock(0);
    const ticks: number[] = [];
    const poller = (async () => {
      for (let i = 0; i < 3; i++) {
        await clock.sleep(60_000);
        ticks.push(clock.nowMs());
      }
    })();
    await clock.advanceAsync(180_000);
    await poller;
    expect(ticks).toEqual([60_000, 120_000, 180_000]);
    expect(clock.nowMs()).toBe(180_000);
  });

  it("a ticking clock follows real time plus what was advanced", () => {
    const clock = new VirtualClock(new Date("2020-01-01T00:00:00Z"), { ticking: true });
    const before = clock.nowMs();
    clock.advance(86_400_000);
    const after = clock.nowMs();
    expect(after - before).toBeGreaterThanOrEqual(86_400_000);
    expect(after - before).toBeLessThan(86_400_000 + 5_000);
  });
});
