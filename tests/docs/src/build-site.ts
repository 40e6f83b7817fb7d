import { createRequire } from "node:module";
import { join } from "node:path";
import { packageRoot, repoRoot, run } from "./repo.js";

const typedocBin = join(
  createRequire(import.meta.url).resolve("typedoc/package.json"),
  "../bin/typedoc",
);

/** The outcome of one TypeDoc run over the root typedoc.json. */
export interface SiteBuild {
  /** TypeDoc's exit code: 0 only when there was no warning (treatWarningsAsErrors). */
  code: number;
  /** Everything TypeDoc printed. */
  log: string;
  /** Lines that are warnings or errors. */
  problems: string[];
  ms: number;
}

/**
 * Runs TypeDoc with the root typedoc.json (the same as `pnpm docs`), writing the HTML site to
 * `out` and the JSON model to `json`.
 */
export async function buildSite(options: { out: string; json: string }): Promise<SiteBuild> {
  const started = performance.now();
  const result = await run(
    process.execPath,
    [
      typedocBin,
      "--options",
      join(repoRoot, "typedoc.json"),
      "--out",
      options.out,
      "--json",
      options.json,
    ],
    { cwd: packageRoot },
  );
  const log = `${result.stdout}${result.stderr}`;
  return {
    code: result.code,
    log,
    problems: log.split("\n").filter((line) => /\[(warning|error)\]/.test(line)),
    ms: performance.now() - started,
  };
}
