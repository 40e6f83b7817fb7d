import { describe, expect, it } from "vitest";
import { planSlices, splitRemainder, splitTail } from "./slice-plan.js";

describe("planSlices", () => {
  it("cuts an object into nearly equal slices that tile it in order", () => {
    expect(planSlices(10, 3)).toEqual([
      { start: 0, end: 4, written: 0 },
      { start: 4, end: 7, written: 0 },
      { start: 7, end: 10, written: 0 },
    ]);
  });

  it("never makes more slices than bytes", () => {
    expect(planSlices(2, 4)).toEqual([
      { start: 0, end: 1, written: 0 },
      { start: 1, end: 2, written: 0 },
    ]);
  });
});

describe("splitRemainder", () => {
  it("gives the second half of what a slice has not received to a new slice", () => {
    expect(splitRemainder({ start: 100, end: 200, written: 10 }, 121, 10)).toEqual({
      end: 161,
      next: { start: 161, end: 200, written: 0 },
    });
  });

  it("leaves a rest shorter than two slices of the minimum alone", () => {
    expect(splitRemainder({ start: 0, end: 100, written: 0 }, 81, 10)).toBeUndefined();
    expect(splitRemainder({ start: 0, end: 100, written: 0 }, 80, 10)).toBeDefined();
  });
});

describe("splitTail", () => {
  it("gives the last bytes of a running slice to a new slice", () => {
    expect(splitTail({ start: 0, end: 100, written: 10 }, 20, 30, 10)).toEqual({
      end: 70,
      next: { start: 70, end: 100, written: 0 },
    });
  });

  it("takes at least the minimum, and leaves the slice at least as much", () => {
    expect(splitTail({ start: 0, end: 100, written: 0 }, 20, 1, 10)?.end).toBe(90);
    expect(splitTail({ start: 0, end: 100, written: 0 }, 60, 35, 10)).toBeUndefined();
  });
});
