import { createRequire } from "node:module";
import { describe, expect, it } from "vitest";
import { type TypeScriptMode, writeTypeScriptProject } from "../src/consumer-projects.js";
import { run } from "../src/repo.js";
import { consumerContext } from "./support/context.js";

const { scratchDir, packages } = consumerContext();
const tsc = createRequire(import.meta.url).resolve("typescript/bin/tsc");
const modes: TypeScriptMode[] = ["node16-esm", "node16-cjs", "bundler"];

describe("installed tarballs from TypeScript (tsc --noEmit)", () => {
  it.each(modes)("moduleResolution %s", async (mode) => {
    const projectDir = writeTypeScriptProject(scratchDir, mode, packages);
    const result = await run(process.execPath, [tsc, "-p", projectDir, "--pretty", "false"], {
      cwd: scratchDir,
    });
    expect(result.stdout + result.stderr).toBe("");
    expect(result.code).toBe(0);
  });
});
