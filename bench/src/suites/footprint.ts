import { execFile } from "node:child_process";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { promisify } from "node:util";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, type Message } from "esbuild";
import type { Figure } from "../harness/figure.js";
import { measureInstall } from "../harness/install-size.js";
import { BENCH_DIR, REPO_ROOT } from "../harness/paths.js";
import type { Suite } from "../harness/suite.js";

const run = promisify(execFile);
const MB = 1e6;

/** The same task twice: read an archive job's state in a browser and show it. */
export const CORE_BROWSER_PROGRAM = `
import { createPortabilityClient } from "@dataportability/core";
const client = createPortabilityClient({ auth: () => sessionStorage.getItem("token") ?? "" });
const job = new URLSearchParams(location.search).get("job") ?? "";
const state = await client.getArchiveState(job);
document.body.textContent = state.state + " " + state.urls.length;
`;

export const GOOGLEAPIS_BROWSER_PROGRAM = `
import { google } from "googleapis";
const auth = new google.auth.OAuth2();
auth.setCredentials({ access_token: sessionStorage.getItem("token") ?? "" });
const dataportability = google.dataportability({ version: "v1", auth });
const job = new URLSearchParams(location.search).get("job") ?? "";
const { data } = await dataportability.archiveJobs.getPortabilityArchiveState({
  name: "archiveJobs/" + job + "/portabilityArchiveState",
});
document.body.textContent = data.state + " " + (data.urls ?? []).length;
`;

/** Sizes of one esbuild bundle, or why esbuild refused. */
interface BundleOutcome {
  ok: boolean;
  bytes: number;
  gzip: number;
  brotli: number;
  errors: Message[];
}

async function bundle(contents: string, platform: "browser" | "node"): Promise<BundleOutcome> {
  try {
    const result = await build({
      stdin: { contents, resolveDir: BENCH_DIR, loader: "ts", sourcefile: "program.ts" },
      bundle: true,
      minify: true,
      format: "esm",
      platform,
      target: "es2022",
      write: false,
      logLevel: "silent",
      legalComments: "none",
      define: { "process.env.NODE_ENV": '"production"' },
    });
    const code = result.outputFiles[0]!.contents;
    return {
      ok: true,
      bytes: code.byteLength,
      gzip: gzipSync(code, { level: 9 }).byteLength,
      brotli: brotliCompressSync(code, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }).byteLength,
      errors: [],
    };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors ?? [];
    return { ok: false, bytes: 0, gzip: 0, brotli: 0, errors };
  }
}

function describeFailure(outcome: BundleOutcome): string {
  const unresolved = new Set<string>();
  for (const error of outcome.errors) {
    const match = /Could not resolve "([^"]+)"/.exec(error.text);
    if (match) unresolved.add(match[1]!);
  }
  const first = outcome.errors[0];
  const where = first?.location ? ` in ${first.location.file}` : "";
  return `esbuild stops with ${outcome.errors.length} errors${unresolved.size > 0 ? `; Node built-ins it cannot resolve for a browser: ${[...unresolved].sort().join(", ")}` : ""} (first: "${first?.text ?? "unknown"}"${where})`;
}

/**
 * The version of Google's split package for this API, `@googleapis/dataportability`, that the
 * registry serves, or `undefined` while it answers 404 (so far it has).
 */
async function splitPackageVersion(): Promise<string | undefined> {
  try {
    const { stdout } = await run("npm", ["view", "@googleapis/dataportability", "version"]);
    return stdout.trim() || undefined;
  } catch {
    return undefined;
  }
}

async function packCore(dir: string): Promise<string> {
  await run("pnpm", ["pack", "--pack-destination", dir], {
    cwd: join(REPO_ROOT, "packages", "core"),
  });
  const tarball = (await readdir(dir)).find((name) => name.endsWith(".tgz"));
  if (!tarball) throw new Error("pnpm pack of @dataportability/core produced no tarball");
  return join(dir, tarball);
}

/**
 * Footprint: install size of our core (packed as it would be published, with its
 * dependencies) against googleapis, and the bundle a browser downloads for one state check.
 *
 * @example
 * const sections = await footprintSuite.run(context);
 */
export const footprintSuite: Suite = {
  id: "footprint",
  title: "Footprint",
  async run(context) {
    const googleapisVersion = "176.0.0";
    const packDir = await context.tempDir("pack-");
    const tarball = await packCore(packDir);
    context.log("installing @dataportability/core from its packed tarball");
    const core = await measureInstall(await context.tempDir("core-install-"), tarball);
    context.log(`installing googleapis@${googleapisVersion}`);
    const googleapis = await measureInstall(
      await context.tempDir("googleapis-install-"),
      `googleapis@${googleapisVersion}`,
    );
    const install: Figure[] = [
      {
        key: "core",
        label: `@dataportability/core installed (${core.packages} packages, ${core.files} files)`,
        unit: "MB",
        values: [core.bytes / MB],
      },
      {
        key: "googleapis",
        label: `googleapis@${googleapisVersion} installed (${googleapis.packages} packages, ${googleapis.files.toLocaleString("en-US")} files)`,
        unit: "MB",
        values: [googleapis.bytes / MB],
      },
    ];
    const splitVersion = await splitPackageVersion();
    const split = splitVersion
      ? await measureInstall(
          await context.tempDir("split-install-"),
          `@googleapis/dataportability@${splitVersion}`,
        )
      : undefined;
    if (split) {
      install.push({
        key: "googleapis-dataportability",
        label: `@googleapis/dataportability@${splitVersion} installed (${split.packages} packages, ${split.files.toLocaleString("en-US")} files)`,
        unit: "MB",
        values: [split.bytes / MB],
      });
    }
    const installNotes = split
      ? []
      : [
          "Google's split package for this API, `@googleapis/dataportability`, is not on the npm registry (`npm view` answers 404), so only the whole `googleapis` package is measured; it is measured beside it once published.",
        ];

    context.log("bundling the browser programs");
    const ours = await bundle(CORE_BROWSER_PROGRAM, "browser");
    if (!ours.ok) throw new Error(`our browser program does not bundle: ${describeFailure(ours)}`);
    const theirsBrowser = await bundle(GOOGLEAPIS_BROWSER_PROGRAM, "browser");
    const theirsNode = await bundle(GOOGLEAPIS_BROWSER_PROGRAM, "node");
    const bundles: Figure[] = [
      { key: "core-min", label: "our program, minified", unit: "kB", values: [ours.bytes / 1e3] },
      { key: "core-gzip", label: "our program, gzip -9", unit: "kB", values: [ours.gzip / 1e3] },
      {
        key: "core-brotli",
        label: "our program, brotli 11",
        unit: "kB",
        values: [ours.brotli / 1e3],
      },
    ];
    const notes: string[] = [];
    if (theirsBrowser.ok) {
      bundles.push(
        {
          key: "googleapis-min",
          label: "googleapis program for the browser, minified",
          unit: "kB",
          values: [theirsBrowser.bytes / 1e3],
        },
        {
          key: "googleapis-gzip",
          label: "googleapis program for the browser, gzip -9",
          unit: "kB",
          values: [theirsBrowser.gzip / 1e3],
        },
      );
    } else {
      notes.push(
        `googleapis cannot be bundled for a browser: ${describeFailure(theirsBrowser)}. It is a Node library (it reads files and spawns processes for credentials, uses http/https agents).`,
      );
    }
    if (theirsNode.ok) {
      bundles.push(
        {
          key: "googleapis-node-min",
          label: "same googleapis program bundled for Node instead, minified",
          unit: "kB",
          values: [theirsNode.bytes / 1e3],
        },
        {
          key: "googleapis-node-gzip",
          label: "same googleapis program bundled for Node instead, gzip -9",
          unit: "kB",
          values: [theirsNode.gzip / 1e3],
        },
      );
    } else {
      notes.push(`googleapis does not bundle for Node either: ${describeFailure(theirsNode)}.`);
    }
    const ratios = [
      {
        label: "googleapis ÷ core, installed bytes",
        values: [googleapis.bytes / core.bytes],
      },
      {
        label: "googleapis ÷ core, installed packages",
        values: [googleapis.packages / core.packages],
      },
    ];
    if (split) {
      ratios.push({
        label: "@googleapis/dataportability ÷ core, installed bytes",
        values: [split.bytes / core.bytes],
      });
    }
    if (theirsNode.ok) {
      ratios.push({
        label: "googleapis (Node bundle) ÷ core (browser bundle), minified bytes",
        values: [theirsNode.bytes / ours.bytes],
      });
    }
    return [
      {
        title: "Footprint: install size",
        method: `\`npm install --omit=dev --ignore-scripts\` into an empty project: our core as \`pnpm pack\` publishes it (with its dependencies) versus \`googleapis@${googleapisVersion}\` (the last release whose engines allow Node 20) and, when the registry has it, Google's split package \`@googleapis/dataportability\`. Size is the sum of file sizes under node_modules (like \`du -sb\`; disk blocks: core ${(core.diskBytes / MB).toFixed(2)} MB, googleapis ${(googleapis.diskBytes / MB).toFixed(1)} MB). Sizes are deterministic, so one run.`,
        figures: install,
        ratios,
        notes: installNotes,
      },
      {
        title: "Footprint: browser bundle",
        method:
          "A minimal browser program that reads one archive job's state and shows it, bundled by esbuild (ESM, minified, tree-shaken, es2022). The same program written against googleapis is bundled for the browser, and for Node to give a size where the browser build fails. Program sources: bench/src/suites/footprint.ts.",
        figures: bundles,
        ratios: [],
        notes,
      },
    ];
  },
};
