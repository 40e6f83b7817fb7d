import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/** This test package's folder: its node_modules holds the runtimes' binaries. */
export const packageDir = join(dirname(fileURLToPath(import.meta.url)), "../..");

/** `require` from this package, to find the binaries its dependencies bring. */
export const requireHere = createRequire(join(packageDir, "package.json"));

/** A command that an npm dependency of this package installed in node_modules/.bin. */
export const binary = (name: string) => join(packageDir, "node_modules/.bin", name);
