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
 * Where adaptive slicing stands: a file starts on one connection; once its first window is
 * over (buffers along the way fill at first, faster than the connection's pace) one window
 * measures it, and a second connection is opened; when two deliver at least `minGain` times
 * what one did, the connection is what limits the download, and the remaining slices are
 * opened. Otherwise (CPU, disk or the link is the limit) nothing more is added.
 *
 * @example
 * ```ts
 * const growth: SliceGrowth = { connections: 1, warmedUp: false, windowBytes: 0, settled: false };
 * ```
 */
export interface SliceGrowth {
  /** Connections running now. */
  connections: number;
  /** The first window, not measured, is over. */
  warmedUp: boolean;
  /** When the current measurement began (clock milliseconds); unset until a byte lands. */
  windowStartMs?: number;
  /** Bytes landed since the measurement began. */
  windowBytes: number;
  /** Bytes per second measured with one connection fewer. */
  previousRate?: number;
  /** Nothing more will be added. */
  settled: boolean;
}

/** The default measurement and gain of adaptive slicing. */
export const SLICE_GROWTH: Omit<SliceGrowthSettings, "maxSlices"> = { windowMs: 500, minGain: 1.5 };

/**
 * One step of adaptive slicing, after `bytes` landed at `nowMs`: the next state, and how many
 * connections to add now (0 most of the time). Pure: the caller opens the connections, and
 * passes `connections` back with what it could actually add.
 *
 * @example
 * ```ts
 * const settings = { maxSlices: 4, windowMs: 500, minGain: 1.5 };
 * let { growth } = growSlices({ connections: 1, warmedUp: false, windowBytes: 0, settled: false }, 0, 0, settings);
 * ({ growth } = growSlices(growth, 40 << 20, 500, settings)); // add: 0 (warmed up)
 * ({ growth } = growSlices(growth, 25 << 20, 1000, settings)); // add: 1 (a second connection)
 * ```
 */
export function growSlices(
  growth: SliceGrowth,
  bytes: number,
  nowMs: number,
  settings: SliceGrowthSettings,
): { growth: SliceGrowth; add: number } {
  if (growth.settled) return { growth, add: 0 };
  if (growth.connections >= settings.maxSlices)
    return { growth: { ...growth, settled: true }, add: 0 };
  if (growth.windowStartMs === undefined) {
    // The first landed bytes start the measurement; the connection's setup is not in it.
    return { growth: { ...growth, windowStartMs: nowMs, windowBytes: 0 }, add: 0 };
  }
  const windowBytes = growth.windowBytes + bytes;
  const elapsed = nowMs - growth.windowStartMs;
  if (elapsed < settings.windowMs) return { growth: { ...growth, windowBytes }, add: 0 };
  if (!growth.warmedUp) {
    return { growth: { ...growth, warmedUp: true, windowStartMs: nowMs, windowBytes: 0 }, add: 0 };
  }
  const rate = (windowBytes * 1000) / elapsed;
  if (growth.previousRate === undefined) {
    return {
      growth: {
        connections: growth.connections + 1,
        warmedUp: true,
        windowStartMs: nowMs,
        windowBytes: 0,
        previousRate: rate,
        settled: growth.connections + 1 >= settings.maxSlices,
      },
      add: 1,
    };
  }
  const add =
    rate >= growth.previousRate * settings.minGain ? settings.maxSlices - growth.connections : 0;
  return {
    growth: { ...growth, connections: growth.connections + add, windowBytes, settled: true },
    add,
  };
}
