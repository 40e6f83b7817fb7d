/** Smallest, middle and largest of a figure's runs. */
export interface Summary {
  min: number;
  median: number;
  max: number;
  runs: number;
}

/**
 * The median of some numbers (mean of the two middle values for an even count).
 *
 * @example
 * median([3, 1, 2]); // 2
 */
export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError("median of no values");
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/**
 * Min, median and max of the runs of one figure.
 *
 * @example
 * summarize([5, 1, 3]); // { min: 1, median: 3, max: 5, runs: 3 }
 */
export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) throw new RangeError("summary of no values");
  return {
    min: Math.min(...values),
    median: median(values),
    max: Math.max(...values),
    runs: values.length,
  };
}

/**
 * Run-by-run ratios of two figures measured side by side (same index = same run).
 *
 * @example
 * pairedRatios([2, 4], [1, 2]); // [2, 2]
 */
export function pairedRatios(
  numerator: readonly number[],
  denominator: readonly number[],
): number[] {
  if (numerator.length !== denominator.length) {
    throw new RangeError(`ratio of ${numerator.length} runs to ${denominator.length} runs`);
  }
  return numerator.map((value, i) => value / denominator[i]!);
}
