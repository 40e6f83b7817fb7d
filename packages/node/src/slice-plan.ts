import type { SliceProgress } from "./part-file.js";

/**
 * Cuts an object of `size` bytes into `count` slices of nearly equal length (never more slices
 * than bytes), none of them started.
 *
 * @example
 * ```ts
 * planSlices(10, 3); // [{ start: 0, end: 4, written: 0 }, { start: 4, end: 7, … }, { start: 7, end: 10, … }]
 * ```
 */
export function planSlices(size: number, count: number): SliceProgress[] {
  const slices = Math.max(1, Math.min(count, size));
  const base = Math.floor(size / slices);
  const longer = size % slices;
  const plan: SliceProgress[] = [];
  let start = 0;
  for (let i = 0; i < slices; i++) {
    const end = start + base + (i < longer ? 1 : 0);
    plan.push({ start, end, written: 0 });
    start = end;
  }
  return plan;
}
