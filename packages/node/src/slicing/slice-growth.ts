/** How adaptive slicing measures and decides (see {@link growSlices}). */
export interface SliceGrowthSettings {
  /** The most connections one file may use (the `slices` option). */
  maxSlices: number;
  /** How long each measurement lasts, in milliseconds of the download's clock. */
  windowMs: number;
  /** How much faster two connections must be than one for the rest to be opened. */
  minGain: number;
}

/**
 * Where adaptive slicing stands. A file starts on one connection; once its first window is
 * over (buffers along the way fill at first, faster than the connection's pace) one window
 * measures it, and a second connection probes (`target` 2); when the two deliver at least
 * `minGain` times what one did, the connection is what limits the download and `target` goes
 * to `maxSlices`. Otherwise (CPU, disk or the link is the limit) it goes back to 1: the probe
 * ends with its short range and is not replaced.
 *
 * @example
 * ```ts
 * const growth: SliceGrowth = { target: 1, warmedUp: false, windowBytes: 0, settled: false };
 * ```
 */
export interface SliceGrowth {
  /** Connections wanted. */
  target: number;
  /** The first window, not measured, is over. */
  warmedUp: boolean;
  /** When the current measurement began (clock milliseconds); unset until a byte lands. */
  windowStartMs?: number;
  /** Bytes landed since the measurement began. */
  windowBytes: number;
  /** Bytes per second measured on one connection, once measured. */
  previousRate?: number;
  /** `target` changes no more. */
  settled: boolean;
}

/** The default measurement and gain of adaptive slicing. */
export const SLICE_GROWTH: Omit<SliceGrowthSettings, "maxSlices"> = { windowMs: 250, minGain: 1.5 };

/**
 * One step of adaptive slicing, after `bytes` landed at `nowMs`: the next state, whose
 * `target` says how many connections to run. Pure: the caller opens or stops connections.
 *
 * @example
 * ```ts
 * const settings = { maxSlices: 4, windowMs: 500, minGain: 1.5 };
 * let growth = growSlices({ target: 1, warmedUp: false, windowBytes: 0, settled: false }, 0, 0, settings);
 * growth = growSlices(growth, 40 << 20, 500, settings); // warmed up
 * growth = growSlices(growth, 25 << 20, 1000, settings); // target: 2 (a probe), previousRate: 50 MiB/s
 * ```
 */
export function growSlices(
  growth: SliceGrowth,
  bytes: number,
  nowMs: number,
  settings: SliceGrowthSettings,
): SliceGrowth {
  if (growth.settled) return growth;
  if (settings.maxSlices <= 1) return { ...growth, target: 1, settled: true };
  if (growth.windowStartMs === undefined) {
    // The first landed bytes start the measurement; the connection's setup is not in it.
    return { ...growth, windowStartMs: nowMs, windowBytes: 0 };
  }
  const windowBytes = growth.windowBytes + bytes;
  const elapsed = nowMs - growth.windowStartMs;
  if (elapsed < settings.windowMs) return { ...growth, windowBytes };
  const next = { ...growth, windowStartMs: nowMs, windowBytes: 0 };
  if (!growth.warmedUp) return { ...next, warmedUp: true };
  const rate = (windowBytes * 1000) / elapsed;
  if (growth.previousRate === undefined) return { ...next, target: 2, previousRate: rate };
  const gained = rate >= growth.previousRate * settings.minGain;
  return { ...next, target: gained ? settings.maxSlices : 1, settled: true };
}
