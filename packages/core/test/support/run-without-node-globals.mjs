import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/** Runs ./without-node-globals.mjs in a fresh Node process and returns what it printed. */
export function runWithoutNodeGlobals() {
  const script = fileURLToPath(new URL("./without-node-globals.mjs", import.meta.url));
  return JSON.parse(execFileSync(process.execPath, [script], { encoding: "utf8" }));
}
