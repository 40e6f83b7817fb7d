import { readFileSync } from "node:fs";
import { dirname, join, posix } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as main from "./index.js";

const here = dirname(fileURLToPath(import.meta.url));

/** Every source file the main entry reaches through relative imports. */
function reachable(file: string, seen = new Set<string>()): Set<string> {
  if (seen.has(file)) return seen;
  seen.add(file);
  const text = readFileSync(join(here, file), "utf8");
  for (const [, spec] of text.matchAll(/from "(\.\.?\/[^"]+)\.js"/g))
    reachable(posix.join(posix.dirname(file), `${spec}.ts`), seen);
  return seen;
}

describe("main entry", () => {
  it("stays browser-safe: no node: imports, Buffer or process in anything it reaches", () => {
    const files = reachable("index.ts");
    expect(files.has("emulator/create-emulator.ts")).toBe(true);
    expect(files.has("server/emulator-server.ts")).toBe(false);
    for (const file of files) {
      const code = readFileSync(join(here, file), "utf8").replace(/\/\*\*[\s\S]*?\*\//g, "");
      expect(code, file).not.toMatch(/from "node:|require\(|\bBuffer\b|\bprocess\./);
    }
  });

  it("exports the agreed names", () => {
    for (const name of [
      "createEmulator",
      "VirtualClock",
      "handlers",
      "operationHandler",
      "rpcError",
      "SCENARIOS",
      "FAULT_NAMES",
      "EMULATOR_GRANT_TYPE",
      "pkceChallenge",
    ]) {
      expect(main, name).toHaveProperty(name);
    }
  });
});
