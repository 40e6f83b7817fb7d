/**
 * `pnpm bench`: runs every suite side by side on this machine and writes BENCHMARKS.md at the
 * repository root. Options: `--only id,id` (suites), `--runs n` (default 5), `--quick` (small
 * sizes, for trying the bench itself), `--out file`.
 */
import { execFileSync } from "node:child_process";
import { mkdir, mkdtemp, rm, writeFile } from "node:fs/promises";
import { loadavg, tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import { captureEnvironment } from "./harness/environment.js";
import type { Section } from "./harness/figure.js";
import { nowMs } from "./harness/interleave.js";
import { BENCH_DIR, REPO_ROOT } from "./harness/paths.js";
import { renderReport } from "./harness/render-report.js";
import { type Suite, SuiteSkipped } from "./harness/suite.js";
import { SUITES } from "./suites/index.js";

const { values: args } = parseArgs({
  options: {
    only: { type: "string" },
    runs: { type: "string", default: "5" },
    quick: { type: "boolean", default: false },
    out: { type: "string", default: join(REPO_ROOT, "BENCHMARKS.md") },
  },
});

const runs = Number(args.runs);
if (!Number.isInteger(runs) || runs < 1 || runs > 50) {
  throw new Error(`--runs must be an integer from 1 to 50, got ${JSON.stringify(args.runs)}`);
}
const known = SUITES.map((suite) => suite.id);
const only = args.only?.split(",").map((id) => id.trim());
for (const id of only ?? []) {
  if (!known.includes(id)) throw new Error(`unknown suite "${id}"; known: ${known.join(", ")}`);
}
const selected: Suite[] = SUITES.filter((suite) => only === undefined || only.includes(suite.id));

const temps: string[] = [];
const log = (message: string) => process.stderr.write(`[bench] ${message}\n`);
const started = nowMs();
const environment = captureEnvironment();
const sections: Section[] = [];
const skipped: { title: string; reason: string }[] = [];

try {
  for (const suite of selected) {
    log(`${suite.title}…`);
    const suiteStart = nowMs();
    try {
      sections.push(
        ...(await suite.run({
          runs,
          quick: args.quick,
          log: (message) => log(`  ${message}`),
          tempDir: async (prefix) => {
            const dir = await mkdtemp(join(tmpdir(), `dp-bench-${prefix}`));
            temps.push(dir);
            return dir;
          },
        })),
      );
      log(`${suite.title} done in ${((nowMs() - suiteStart) / 1000).toFixed(1)} s`);
    } catch (error) {
      const reason = error instanceof Error ? error.message.split("\n")[0]! : String(error);
      skipped.push({ title: suite.title, reason });
      if (error instanceof SuiteSkipped) {
        log(`${suite.title} skipped: ${reason}`);
      } else {
        log(`${suite.title} FAILED: ${error instanceof Error ? (error.stack ?? reason) : reason}`);
        process.exitCode = 1;
      }
    }
  }
} finally {
  await Promise.all(temps.map((dir) => rm(dir, { recursive: true, force: true })));
}

const out = resolve(args.out);
const report = {
  environment,
  loadAverageAfter: loadavg(),
  durationMs: nowMs() - started,
  sections,
  skipped,
};
await writeFile(out, renderReport(report));
// Formatted as the repository's formatter would, so `pnpm format` leaves it alone.
try {
  execFileSync(join(REPO_ROOT, "node_modules", ".bin", "biome"), ["format", "--write", out], {
    cwd: REPO_ROOT,
    stdio: "ignore",
  });
} catch {
  log(`could not run biome format on ${out}; left as written`);
}
// The raw runs, for tools (bench/results/ is not committed).
await mkdir(join(BENCH_DIR, "results"), { recursive: true });
await writeFile(join(BENCH_DIR, "results", "latest.json"), `${JSON.stringify(report, null, 2)}\n`);
log(`wrote ${out} in ${((nowMs() - started) / 1000).toFixed(1)} s`);
