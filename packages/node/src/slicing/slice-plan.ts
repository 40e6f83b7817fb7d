import type { SliceProgress } from "../files/part-file.js";

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

/**
 * Halves what a running slice has yet to receive, from `received` (its next byte) on: the
 * slice keeps the first half and a new slice, not started, takes the second. `undefined` when
 * the rest is shorter than two slices of `minBytes`.
 *
 * @example
 * ```ts
 * splitRemainder({ start: 0, end: 100, written: 10 }, 20, 10); // { end: 60, next: { start: 60, end: 100, written: 0 } }
 * ```
 */
export function splitRemainder(
  slice: SliceProgress,
  received: number,
  minBytes: number,
): { end: number; next: SliceProgress } | undefined {
  const rest = slice.end - received;
  if (rest < 2 * Math.max(1, minBytes)) return undefined;
  const end = received + Math.ceil(rest / 2);
  return { end, next: { start: end, end: slice.end, written: 0 } };
}

/**
 * Cuts the last `bytes` off what a running slice has not received yet (from `received` on),
 * for a new slice, not started, that probes whether another connection helps. `undefined`
 * when the slice would keep less than `minBytes` to receive, or the probe would get less.
 *
 * @example
 * ```ts
 * splitTail({ start: 0, end: 100, written: 10 }, 20, 30, 10); // { end: 70, next: { start: 70, end: 100, written: 0 } }
 * ```
 */
export function splitTail(
  slice: SliceProgress,
  received: number,
  bytes: number,
  minBytes: number,
): { end: number; next: SliceProgress } | undefined {
  const size = Math.max(1, minBytes, Math.floor(bytes));
  const end = slice.end - size;
  if (end - received < Math.max(1, minBytes)) return undefined;
  return { end, next: { start: end, end: slice.end, written: 0 } };
}
