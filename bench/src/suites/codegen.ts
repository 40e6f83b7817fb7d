import { readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Figure } from "../harness/figure.js";
import { interleave } from "../harness/interleave.js";
import { runMeasuredChild } from "../harness/measured-child.js";
import { REPO_ROOT } from "../harness/paths.js";
import { median } from "../harness/stats.js";
import type { Suite } from "../harness/suite.js";

const GENERATED = ["openapi.gen.json", "schema.gen.ts", "metadata.gen.ts"];

async function timeNode(args: string[], env: NodeJS.ProcessEnv): Promise<number> {
  const result = await runMeasuredChild(process.execPath, args, { cwd: REPO_ROOT, env });
  if (result.code !== 0) {
    throw new Error(`node ${args.join(" ")} exited ${result.code}: ${result.stderr.trim()}`);
  }
  return result.wallMs;
}

/**
 * Codegen: wall time of the spec package's `generate` step (pinned discovery document ->
 * OpenAPI 3.1 -> openapi-typescript types + metadata), written to a temporary folder, next to
 * the bare cost of starting Node with tsx.
 *
 * @example
 * const sections = await codegenSuite.run(context);
 */
export const codegenSuite: Suite = {
  id: "codegen",
  title: "Codegen",
  async run(context) {
    const out = await context.tempDir("codegen-");
    const env = { ...process.env, DATAPORTABILITY_SPEC_OUT: out };
    const script = join("packages", "spec", "scripts", "generate.ts");
    const values = await interleave(
      [
        { key: "generate", run: () => timeNode(["--import", "tsx", script], env) },
        { key: "startup", run: () => timeNode(["--import", "tsx", "-e", ""], env) },
      ],
      {
        runs: context.runs,
        onRun: (run, key, ms) => context.log(`codegen ${key} run ${run + 1}: ${ms.toFixed(0)} ms`),
      },
    );
    const identical: string[] = [];
    for (const name of GENERATED) {
      const fresh = await readFile(join(out, name), "utf8");
      const committed = await readFile(
        join(REPO_ROOT, "packages", "spec", "src", "generated", name),
        "utf8",
      ).catch(() => undefined);
      if (fresh === committed) identical.push(name);
    }
    const generate = values.get("generate")!;
    const startup = values.get("startup")!;
    const figures: Figure[] = [
      {
        key: "generate",
        label:
          "regenerate the spec package (`node --import tsx packages/spec/scripts/generate.ts`)",
        unit: "ms",
        values: generate,
        better: "lower",
      },
      {
        key: "startup",
        label: "baseline: start and exit `node --import tsx`",
        unit: "ms",
        values: startup,
        better: "lower",
      },
    ];
    return [
      {
        title: "Codegen",
        method:
          "Wall time of one regeneration from the pinned discovery document (revision in spec/pin.json): parse, convert to OpenAPI 3.1, run openapi-typescript, render metadata, write three files to a temporary folder (`DATAPORTABILITY_SPEC_OUT`). Each run is a fresh Node process, so startup is included; the bare startup is measured alongside.",
        figures,
        ratios: [],
        notes: [
          `Median net codegen time (regeneration minus startup): ${(median(generate) - median(startup)).toFixed(0)} ms.`,
          `Output identical to \`packages/spec/src/generated\` (written by the build's own generate step): ${identical.length === GENERATED.length ? "yes, all three files" : `${identical.length} of ${GENERATED.length} files (${identical.join(", ") || "none"})`}.`,
        ],
      },
    ];
  },
};
