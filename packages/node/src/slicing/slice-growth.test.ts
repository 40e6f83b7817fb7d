import { describe, expect, it } from "vitest";
import { growSlices, type SliceGrowth } from "./slice-growth.js";

const settings = { maxSlices: 4, windowMs: 500, minGain: 1.5 };
const MiB = 2 ** 20;
const fresh = (): SliceGrowth => ({ target: 1, warmedUp: false, windowBytes: 0, settled: false });

/** Feeds `[bytes, atMs]` steps and returns the target after each. */
function run(steps: [number, number][], options = settings) {
  let growth = fresh();
  const targets: number[] = [];
  for (const [bytes, at] of steps) {
    growth = growSlices(growth, bytes, at, options);
    targets.push(growth.target);
  }
  return { growth, targets };
}

describe("growSlices", () => {
  it("probes with a second connection after a warm-up window and a measured one", () => {
    const { targets, growth } = run([
      [MiB, 0], // first bytes: the warm-up window starts
      [40 * MiB, 400],
      [10 * MiB, 500], // warm-up over (its fast start is not measured)
      [25 * MiB, 1000], // 50 MiB/s on one connection
    ]);
    expect(targets).toEqual([1, 1, 1, 2]);
    expect(growth).toMatchObject({ previousRate: 50 * MiB, settled: false });
  });

  it("wants every slice when two connections are clearly faster than one", () => {
    const { targets, growth } = run([
      [MiB, 0],
      [MiB, 500],
      [25 * MiB, 1000],
      [50 * MiB, 1500], // 100 MiB/s on two: twice one's rate
    ]);
    expect(targets).toEqual([1, 1, 2, 4]);
    expect(growth.settled).toBe(true);
    expect(growSlices(growth, 100 * MiB, 5000, settings)).toBe(growth);
  });

  it("goes back to one connection when the second does not raise the rate", () => {
    const { targets, growth } = run([
      [MiB, 0],
      [MiB, 500],
      [100 * MiB, 1000],
      [120 * MiB, 1500], // 240 MiB/s on two against 200 on one: CPU-bound
      [500 * MiB, 3000],
    ]);
    expect(targets).toEqual([1, 1, 2, 1, 1]);
    expect(growth.settled).toBe(true);
  });

  it("measures nothing before a window has passed on the clock", () => {
    const { targets, growth } = run([
      [MiB, 0],
      [64 * MiB, 0],
      [64 * MiB, 499],
    ]);
    expect(targets).toEqual([1, 1, 1]);
    expect(growth.warmedUp).toBe(false);
  });

  it("never wants more connections than allowed", () => {
    const steps: [number, number][] = [
      [MiB, 0],
      [MiB, 500],
      [MiB, 1000],
      [10 * MiB, 1500],
    ];
    expect(run(steps, { ...settings, maxSlices: 2 }).targets).toEqual([1, 1, 2, 2]);
    expect(run(steps, { ...settings, maxSlices: 1 }).targets).toEqual([1, 1, 1, 1]);
  });
});
