import { readdir } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../src/index.js";
import { runCli, tempDir } from "./support/run-cli.js";

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.remove());

const env = () => ({ DATAPORTABILITY_CONFIG_DIR: path.join(tmp.dir, "config") });

describe("no silent emulator in scripts", () => {
  it("without credentials and without a terminal: exit 3, how to sign in, and no synthetic export", async () => {
    const out = path.join(tmp.dir, "script");
    const result = await runCli(["export", "-r", "myactivity.youtube", "--out", out], {
      env: env(),
    });
    expect(result.code).toBe(EXIT_CODES.auth);
    expect(result.stderr).toContain("No credentials found");
    expect(result.stderr).toContain("dataportability login --resource <name>");
    expect(result.stderr).toContain("pass --emulator or set DATAPORTABILITY_EMULATOR_URL");
    expect(result.stderr).not.toContain("Using the embedded emulator");
    expect(await readdir(out).catch(() => [])).not.toContainEqual(expect.stringMatching(/zip$/));
  });

  it("--json, even at a terminal: exit 3 with a JSON error", async () => {
    const result = await runCli(["access", "--json"], { env: env(), tty: true });
    expect(result.code).toBe(EXIT_CODES.auth);
    expect(JSON.parse(result.stdout)).toMatchObject({
      ok: false,
      error: { code: "no-credentials", exitCode: EXIT_CODES.auth },
    });
  });

  it("--profile or DATAPORTABILITY_PROFILE naming a missing profile, even at a terminal: exit 3", async () => {
    for (const run of [
      () => runCli(["--profile", "work", "access"], { env: env(), tty: true }),
      () => runCli(["access"], { env: { ...env(), DATAPORTABILITY_PROFILE: "work" }, tty: true }),
    ]) {
      const result = await run();
      expect(result.code).toBe(EXIT_CODES.auth);
      expect(result.stderr).toContain('No stored login for profile "work"');
      expect(result.stderr).toContain("dataportability --profile work login");
    }
  });

  it("only a person at a terminal gets the embedded emulator without asking, and is told so", async () => {
    // stdout a terminal but stdin not (piped input): still a script.
    let stderr = "";
    const { run } = await import("../src/index.js");
    const code = await run(["access"], {
      stdin: { isTTY: false },
      stdout: { write: () => true, isTTY: true },
      stderr: {
        write: (chunk) => {
          stderr += chunk;
        },
      },
      env: env(),
    });
    expect(code).toBe(EXIT_CODES.auth);
    const person = await runCli(["access"], { env: env(), tty: true });
    expect(person.code, person.stderr).toBe(0);
    expect(person.stderr).toContain("Using the embedded emulator");
    expect(stderr).toContain("No credentials found");
  });
});
