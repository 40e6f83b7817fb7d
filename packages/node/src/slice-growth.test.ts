import { describe, expect, it } from "vitest";
import { growSlices, type SliceGrowth } from "./slice-growth.js";

const settings = { maxSlices: 4, windowMs: 500, minGain: 1.5 };
const MiB = 2 ** 20;
const fresh = (): SliceGrowth => ({
  connections: 1,
  warmedUp: false,
  windowBytes: 0,
  settled: false,
});

/** Feeds `[bytes, atMs]` steps and returns the connections added after each. */
function run(steps: [number, number][], start = fresh()) {
  let growth = start;
  const added: number[] = [];
  for (const [bytes, at] of steps) {
    const step = growSlices(growth, bytes, at, settings);
    growth = step.growth;
    added.push(step.add);
  }
  return { growth, added };
}

describe("growSlices", () => {
  it("adds a second connection after a warm-up window and a measured one", () => {
    const { added, growth } = run([
      [MiB, 0], // first bytes: the warm-up window starts
      [40 * MiB, 400],
      [10 * MiB, 500], // warm-up over (its fast start is not measured)
      [25 * MiB, 1000], // 50 MiB/s on one connection
    ]);
    expect(added).toEqual([0, 0, 0, 1]);
    expect(growth).toMatchObject({ connections: 2, previousRate: 50 * MiB, settled: false });
  });

  it("opens the remaining slices when two connections are clearly faster than one", () => {
    const { added, growth } = run([
      [MiB, 0],
      [MiB, 500],
      [25 * MiB, 1000],
      [50 * MiB, 1500], // 100 MiB/s on two: twice one's rate
    ]);
    expect(added).toEqual([0, 0, 1, 2]);
    expect(growth).toMatchObject({ connections: 4, settled: true });
    expect(growSlices(growth, 100 * MiB, 5000, settings).add).toBe(0);
  });

  it("adds nothing more when a second connection does not raise the rate", () => {
    const { added, growth } = run([
      [MiB, 0],
      [MiB, 500],
      [100 * MiB, 1000],
      [120 * MiB, 1500], // 240 MiB/s on two against 200 on one: CPU-bound
      [500 * MiB, 3000],
    ]);
    expect(added).toEqual([0, 0, 1, 0, 0]);
    expect(growth).toMatchObject({ connections: 2, settled: true });
  });

  it("measures nothing before a window has passed on the clock", () => {
    const { added, growth } = run([
      [MiB, 0],
      [64 * MiB, 0],
      [64 * MiB, 499],
    ]);
    expect(added).toEqual([0, 0, 0]);
    expect(growth.warmedUp).toBe(false);
  });

  it("stops at the most slices allowed", () => {
    const two = { ...settings, maxSlices: 2 };
    let growth = fresh();
    const added: number[] = [];
    for (const [bytes, at] of [
      [MiB, 0],
      [MiB, 500],
      [MiB, 1000],
      [10 * MiB, 1500],
    ] as const) {
      const step = growSlices(growth, bytes, at, two);
      growth = step.growth;
      added.push(step.add);
    }
    expect(added).toEqual([0, 0, 1, 0]);
    expect(growth).toMatchObject({ connections: 2, settled: true });
  });
});
