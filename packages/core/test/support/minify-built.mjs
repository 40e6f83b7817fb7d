import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { build } from "esbuild";

const dist = fileURLToPath(new URL("../../dist/", import.meta.url));

/**
 * Bundles the built ESM entry points (`dist/index.js`, `dist/oauth.js`) with esbuild's minifier,
 * as an app's production bundler would, and imports the results. `remove()` deletes the files.
 */
export async function importMinifiedBuild() {
  const folder = await mkdtemp(path.join(tmpdir(), "core-minified-"));
  const load = async (entry) => {
    const result = await build({
      entryPoints: [path.join(dist, entry)],
      bundle: true,
      minify: true,
      format: "esm",
      platform: "neutral",
      write: false,
    });
    const file = path.join(folder, entry.replace(/\.js$/, ".min.mjs"));
    await writeFile(file, result.outputFiles[0].text);
    return import(pathToFileURL(file).href);
  };
  return {
    index: await load("index.js"),
    oauth: await load("oauth.js"),
    remove: () => rm(folder, { recursive: true, force: true }),
  };
}
