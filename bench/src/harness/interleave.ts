/** One contender of a side-by-side measurement: does one run's work, returns its value. */
export interface Contender {
  key: string;
  run: () => Promise<number>;
}

/** How many runs and warm-up runs to do. */
export interface InterleaveOptions {
  runs: number;
  warmupRuns?: number;
  onRun?: (run: number, key: string, value: number) => void;
}

/**
 * Runs every contender once per round, rotating who goes first, so the noise of a shared
 * machine (other jobs, CPU frequency, GC) falls on all of them alike. Warm-up rounds are
 * discarded. Returns each contender's values, index = round, so ratios can pair them.
 *
 * @example
 * const values = await interleave([{ key: "a", run: async () => 1 }], { runs: 5 });
 * values.get("a"); // [1, 1, 1, 1, 1]
 */
export async function interleave(
  contenders: readonly Contender[],
  options: InterleaveOptions,
): Promise<Map<string, number[]>> {
  const values = new Map<string, number[]>(contenders.map((c) => [c.key, []]));
  const warmup = options.warmupRuns ?? 1;
  for (let round = 0; round < warmup + options.runs; round++) {
    for (let i = 0; i < contenders.length; i++) {
      const contender = contenders[(round + i) % contenders.length]!;
      const value = await contender.run();
      if (round >= warmup) {
        values.get(contender.key)!.push(value);
        options.onRun?.(round - warmup, contender.key, value);
      }
    }
  }
  return values;
}

/**
 * Nanosecond timer as milliseconds since an arbitrary origin.
 *
 * @example
 * const start = nowMs();
 * const elapsed = nowMs() - start;
 */
export function nowMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}
