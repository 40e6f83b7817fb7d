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
