/** Which direction is good for a figure. */
export type Better = "lower" | "higher";

/** One measured quantity: a value per run, in one unit. */
export interface Figure {
  /** Stable key used by ratios, e.g. `core`. */
  key: string;
  label: string;
  unit: string;
  /** One value per run. */
  values: number[];
  better?: Better;
  note?: string;
  /** A target for the median, e.g. `< 100` MiB. */
  aim?: Aim;
}

/** A target a ratio is judged against, e.g. `<= 1.15`. */
export interface Aim {
  op: "<=" | ">=";
  value: number;
}

/** Ratio of two figures of the same section, computed run by run. */
export interface Ratio {
  label: string;
  /** Per-run ratios. */
  values: number[];
  aim?: Aim;
}

/** A headed part of BENCHMARKS.md. */
export interface Section {
  title: string;
  /** What was measured and how, in a sentence or two. */
  method: string;
  figures: Figure[];
  ratios: Ratio[];
  /** Extra lines (findings, caveats) printed under the tables. */
  notes: string[];
}

/**
 * Whether a ratio's median meets its aim; `undefined` when it has none.
 *
 * @example
 * meetsAim(1.1, { op: "<=", value: 1.15 }); // true
 */
export function meetsAim(value: number, aim: Aim | undefined): boolean | undefined {
  if (aim === undefined) return undefined;
  return aim.op === "<=" ? value <= aim.value : value >= aim.value;
}
