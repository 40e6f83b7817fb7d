import { mkdir, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { build } from "esbuild";

/** The flow, built once for every runtime under test. */
export interface FlowBundles {
  /**
   * `command-line.mjs` for Node, Deno and Bun. `@dataportability/*` stays a bare import that
   * each runtime resolves from node_modules, so the runtimes load the packages as published.
   */
  commandLine: string;
  /** `worker.mjs`: one module for workerd, packages bundled as wrangler bundles them. */
  worker: string;
  /** A folder with `index.html` and the flow bundled for browsers, as Vite users ship it. */
  browserPage: string;
}

/**
 * Bundles the entries into `outDir`, which must sit inside this package so that the runtimes
 * resolve `@dataportability/core` from its node_modules.
 *
 * @example
 * ```ts
 * const bundles = await buildFlowBundles(join(packageDir, "dist"));
 * ```
 */
export async function buildFlowBundles(outDir: string): Promise<FlowBundles> {
  const entries = join(dirname(fileURLToPath(import.meta.url)), "entries");
  const common = {
    bundle: true,
    format: "esm",
    target: "es2022",
    logLevel: "warning",
  } as const;
  const bundles: FlowBundles = {
    commandLine: join(outDir, "command-line.mjs"),
    worker: join(outDir, "worker.mjs"),
    browserPage: join(outDir, "browser"),
  };
  await mkdir(bundles.browserPage, { recursive: true });
  await Promise.all([
    build({
      ...common,
      entryPoints: [join(entries, "command-line.ts")],
      platform: "neutral",
      external: ["@dataportability/*"],
      outfile: bundles.commandLine,
    }),
    build({
      ...common,
      entryPoints: [join(entries, "worker.ts")],
      platform: "browser",
      conditions: ["workerd", "worker", "browser"],
      outfile: bundles.worker,
    }),
    build({
      ...common,
      entryPoints: [join(entries, "browser.ts")],
      platform: "browser",
      outfile: join(bundles.browserPage, "flow.js"),
    }),
    writeFile(
      join(bundles.browserPage, "index.html"),
      '<!DOCTYPE html>\n<title>core flow</title>\n<script type="module" src="./flow.js"></script>\n',
    ),
  ]);
  return bundles;
}
