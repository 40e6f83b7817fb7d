import { describe, expect, it } from "vitest";
import { planSlices } from "./slice-plan.js";

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
