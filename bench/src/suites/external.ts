import { existsSync } from "node:fs";
import { readdir, readFile, stat } from "node:fs/promises";
import { join } from "node:path";
import type { Section } from "../harness/figure.js";
import { jsonToSections } from "../harness/json-to-section.js";
import { runMeasuredChild } from "../harness/measured-child.js";
import { BENCH_DIR } from "../harness/paths.js";
import { type Suite, SuiteSkipped } from "../harness/suite.js";

const ENTRY_NAMES = ["bench.ts", "bench.mjs", "main.ts", "index.ts", "run.ts"];

async function findEntry(folder: string): Promise<string | undefined> {
  for (const name of ENTRY_NAMES) if (existsSync(join(folder, name))) return join(folder, name);
  const scripts = (await readdir(folder)).filter((name) => /\.(ts|mjs)$/.test(name));
  return scripts.length === 1 ? join(folder, scripts[0]!) : undefined;
}

/** The newest JSON file under `folder` written after `since`, if any. */
async function newestJson(folder: string, since: number): Promise<string | undefined> {
  if (!existsSync(folder)) return undefined;
  let best: { path: string; at: number } | undefined;
  for (const name of await readdir(folder)) {
    if (!name.endsWith(".json")) continue;
    const path = join(folder, name);
    const at = (await stat(path)).mtimeMs;
    if (at >= since && (!best || at > best.at)) best = { path, at };
  }
  return best?.path;
}

/**
 * A bench script owned by another package, in its own folder `bench/<name>/`: run with tsx, with
 * `BENCH_RESULTS_FILE` (where to write JSON), `BENCH_RUNS` and `BENCH_QUICK` in its environment.
 * Its JSON is read from that file, else from `bench/<name>/results/` or `bench/results/`, else
 * from the last line of its output.
 *
 * @example
 * const bullmq = externalSuite("bullmq", "BullMQ");
 */
export function externalSuite(name: string, title: string): Suite {
  return {
    id: name,
    title,
    async run(context): Promise<Section[]> {
      const folder = join(BENCH_DIR, name);
      if (!existsSync(folder)) throw new SuiteSkipped(`bench/${name}/ is not there`);
      const entry = await findEntry(folder);
      if (!entry) {
        throw new Error(`bench/${name}/ has no entry script (${ENTRY_NAMES.join(", ")})`);
      }
      const out = join(await context.tempDir(`${name}-`), "results.json");
      const started = Date.now();
      const result = await runMeasuredChild(process.execPath, ["--import", "tsx", entry], {
        cwd: BENCH_DIR,
        env: {
          ...process.env,
          BENCH_RESULTS_FILE: out,
          BENCH_RUNS: String(context.runs),
          BENCH_QUICK: context.quick ? "1" : "",
        },
        onStdout: (chunk) => {
          for (const line of chunk.split("\n")) if (line.trim()) context.log(`${name}: ${line}`);
        },
      });
      if (result.code !== 0) {
        throw new Error(`bench/${name} exited ${result.code}: ${result.stderr.trim().slice(-500)}`);
      }
      const file =
        (existsSync(out) ? out : undefined) ??
        (await newestJson(join(folder, "results"), started)) ??
        (await newestJson(join(BENCH_DIR, "results"), started));
      const text = file
        ? await readFile(file, "utf8")
        : result.stdout
            .trim()
            .split("\n")
            .reverse()
            .find((line) => line.trim().startsWith("{"));
      if (!text) throw new Error(`bench/${name} wrote no JSON results`);
      const sections = jsonToSections(JSON.parse(text), title);
      for (const section of sections) {
        section.notes.push(
          `Measured by \`bench/${name}/${entry.slice(folder.length + 1)}\` (owned by the ${name} package), run from \`pnpm bench\`.`,
        );
      }
      return sections;
    },
  };
}
