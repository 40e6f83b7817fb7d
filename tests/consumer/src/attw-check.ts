import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { PackedPackage } from "./pack.js";
import { run } from "./repo.js";

const attwBin = join(
  dirname(createRequire(import.meta.url).resolve("@arethetypeswrong/cli/package.json")),
  "dist/index.js",
);

/**
 * `attw` on the packed tarball (the same analysis as `attw --pack .`, but of the tarball pnpm
 * publishes). ESM-only packages use the `esm-only` profile, which does not ask for CommonJS
 * resolution to work.
 */
export async function attwProblems(packed: PackedPackage): Promise<string[]> {
  const args = [attwBin, packed.tarball, "--format", "ascii", "--no-color", "--no-emoji"];
  if (packed.pkg.esmOnly) args.push("--profile", "esm-only");
  const result = await run(process.execPath, args, { cwd: packed.unpackedDir });
  return result.code === 0
    ? []
    : [
        `attw${packed.pkg.esmOnly ? " --profile esm-only" : ""} failed:\n${result.stdout}${result.stderr}`,
      ];
}
