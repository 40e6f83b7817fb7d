import { execFile } from "node:child_process";
import path from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { runCli } from "./support/run-cli.js";

const COMMANDS = [
  "login",
  "logout",
  "resources",
  "access",
  "export",
  "status",
  "wait",
  "download",
  "cancel",
  "retry",
  "reset",
  "emulator",
];

describe("help", () => {
  it("lists every command, the credentials order, env vars and exit codes", async () => {
    const result = await runCli(["--help"]);
    expect(result.code).toBe(0);
    for (const command of COMMANDS) expect(result.stdout).toMatch(new RegExp(`\\n  ${command} `));
    expect(result.stdout).toContain("Where commands run (first match wins)");
    expect(result.stdout).toContain("DATAPORTABILITY_REFRESH_TOKEN");
    expect(result.stdout).toContain("NO_COLOR");
    expect(result.stdout).toMatch(/Exit codes:[\s\S]*130 {2}interrupted/);
  });

  it.each(COMMANDS)("`%s --help` has a description, options and examples", async (command) => {
    const result = await runCli([command, "--help"]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`Usage: dataportability ${command}`);
    expect(result.stdout).toContain("Examples:");
    expect(result.stdout).toContain(`$ dataportability`);
    expect(result.stdout).toContain("Global Options:");
    for (const line of result.stdout.split("\n")) expect(line.length).toBeLessThanOrEqual(110);
  });

  it("prints the overview without arguments, and usage errors with exit code 2", async () => {
    expect((await runCli([])).stdout).toContain("Usage: dataportability");
    const unknown = await runCli(["expor"]);
    expect(unknown.code).toBe(2);
    expect(unknown.stderr).toContain("Did you mean export?");
    const badOption = await runCli(["export", "--frobnicate"]);
    expect(badOption.code).toBe(2);
    expect(badOption.stderr).toContain("unknown option '--frobnicate'");
  });

  it("runs as a program: dist/bin.js --help exits 0", async () => {
    const bin = path.resolve(import.meta.dirname, "..", "dist", "bin.js");
    const { stdout } = await promisify(execFile)(process.execPath, [bin, "--help"], {
      env: { PATH: process.env["PATH"], NO_COLOR: "1" },
    });
    expect(stdout).toContain("Usage: dataportability [options] [command]");
    const version = await promisify(execFile)(process.execPath, [bin, "--version"]);
    expect(version.stdout.trim()).toMatch(/^\d+\.\d+\.\d+/);
  });
});
