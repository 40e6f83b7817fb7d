import type { Section } from "./figure.js";

/** What every suite gets from the runner. */
export interface SuiteContext {
  /** Measured rounds per figure (warm-up rounds come on top). */
  runs: number;
  /** Smaller sizes for a fast trial run of the bench itself. */
  quick: boolean;
  /** Progress line on stderr. */
  log: (message: string) => void;
  /** A fresh temporary folder, removed when the bench ends. */
  tempDir: (prefix: string) => Promise<string>;
}

/** One benchmark suite: a named piece of BENCHMARKS.md. */
export interface Suite {
  id: string;
  title: string;
  run: (context: SuiteContext) => Promise<Section[]>;
}

/**
 * Thrown by a suite that cannot run here (e.g. its script is not there): listed under "Not
 * measured" without failing `pnpm bench`.
 *
 * @example
 * throw new SuiteSkipped("bench/bullmq/ is not there yet");
 */
export class SuiteSkipped extends Error {
  override readonly name = "SuiteSkipped";
}
