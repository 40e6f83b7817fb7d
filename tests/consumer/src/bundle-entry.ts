import { mkdirSync, writeFileSync } from "node:fs";
import { builtinModules } from "node:module";
import { join } from "node:path";
import { brotliCompressSync, constants, gzipSync } from "node:zlib";
import { build, type Message } from "esbuild";

const builtins = new Set(builtinModules);

/** Where a bundle is meant to run: `browser` bundles refuse Node built-ins. */
export type BundlePlatform = "browser" | "node";

/** Sizes and findings of bundling one entry the way an app's bundler would. */
export interface BundleResult {
  /** Minified bytes. */
  minified: number;
  gzip: number;
  brotli: number;
  /** Node built-in modules the bundle pulled in (always empty when `errors` is empty for browser). */
  nodeBuiltins: string[];
  errors: string[];
}

function isNodeBuiltin(path: string): boolean {
  return path.startsWith("node:") || builtins.has(path.split("/")[0] ?? path);
}

/**
 * Bundles `export * from specifier` from the scratch project with esbuild (minified ESM),
 * leaving `external` packages out, and measures it. For the browser platform any Node built-in
 * is an error, whether esbuild could not resolve it or it was marked external.
 */
export async function bundleEntry(options: {
  scratchDir: string;
  specifier: string;
  platform: BundlePlatform;
  external: string[];
}): Promise<BundleResult> {
  const entryDir = join(options.scratchDir, "bundles");
  mkdirSync(entryDir, { recursive: true });
  const entryFile = join(entryDir, `${options.specifier.replace(/[@/]/g, "_")}.mjs`);
  writeFileSync(entryFile, `export * from ${JSON.stringify(options.specifier)};\n`);
  const format = (message: Message) =>
    `${message.text}${message.location ? ` (${message.location.file}:${message.location.line})` : ""}`;
  try {
    const result = await build({
      entryPoints: [entryFile],
      absWorkingDir: options.scratchDir,
      bundle: true,
      minify: true,
      format: "esm",
      platform: options.platform,
      target: "es2022",
      external: options.external.flatMap((name) => [name, `${name}/*`]),
      write: false,
      metafile: true,
      logLevel: "silent",
    });
    const code = result.outputFiles[0]?.contents ?? new Uint8Array();
    const nodeBuiltins = Object.values(result.metafile.inputs)
      .flatMap((input) => input.imports)
      .map((imported) => imported.path)
      .filter(isNodeBuiltin);
    return {
      minified: code.byteLength,
      gzip: gzipSync(code, { level: 9 }).byteLength,
      brotli: brotliCompressSync(code, {
        params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
      }).byteLength,
      nodeBuiltins: [...new Set(nodeBuiltins)].sort(),
      errors: [],
    };
  } catch (error) {
    const failure = error as { errors?: Message[] };
    return {
      minified: 0,
      gzip: 0,
      brotli: 0,
      nodeBuiltins: [],
      errors: failure.errors?.map(format) ?? [String(error)],
    };
  }
}

/** Parses `"12 kB"`, `"900 B"` or a number of bytes (kB = 1000 bytes, as size-limit counts). */
export function parseSize(limit: string | number): number {
  if (typeof limit === "number") return limit;
  const match = /^\s*([\d.]+)\s*(B|kB|MB)\s*$/.exec(limit);
  if (!match) throw new Error(`size "${limit}" is not like "12 kB", "900 B" or "1.5 MB"`);
  const factor = { B: 1, kB: 1000, MB: 1_000_000 }[match[2] as "B" | "kB" | "MB"];
  return Math.round(Number(match[1]) * factor);
}
