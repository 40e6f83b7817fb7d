import { spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { describe, expect, it } from "vitest";

const repoRoot = resolve(import.meta.dirname, "../../..");
const pin = JSON.parse(readFileSync(join(repoRoot, "spec/pin.json"), "utf8"));
const sharedDir = resolve(repoRoot, pin.localDir);

/** Runs a repository script with tsx, in a scratch pin/output/changeset setup. */
function run(script: string, args: string[], env: Record<string, string>) {
  const result = spawnSync(process.execPath, ["--import", "tsx", join(repoRoot, script), ...args], {
    cwd: repoRoot,
    env: { ...process.env, ...env },
    encoding: "utf8",
  });
  return { status: result.status, stdout: result.stdout, stderr: result.stderr.trim() };
}

function scratch(pinOverrides: Record<string, string> = {}) {
  const dir = mkdtempSync(join(tmpdir(), "dp-spec-"));
  const pinPath = join(dir, "pin.json");
  writeFileSync(pinPath, JSON.stringify({ ...pin, ...pinOverrides, localDir: sharedDir }));
  const out = join(dir, "generated");
  return {
    dir,
    pinPath,
    out,
    env: {
      DATAPORTABILITY_SPEC_PIN: pinPath,
      DATAPORTABILITY_SPEC_OUT: out,
      DATAPORTABILITY_CHANGESET_DIR: join(dir, "changesets"),
    },
  };
}

const generate = "packages/spec/scripts/generate.ts";

describe("spec scripts", { timeout: 60_000 }, () => {
  it("generates types, metadata and the OpenAPI document from the pinned revision", () => {
    const s = scratch();
    const result = run(generate, [], s.env);
    expect(result.stderr).toBe("");
    expect(result.stdout).toContain("generated revision 20260105: 6 paths, 72 resources");
    expect(readdirSync(s.out).sort()).toEqual([
      "metadata.gen.ts",
      "openapi.gen.json",
      "schema.gen.ts",
    ]);
  });

  it.each([
    [
      "a sha256 mismatch",
      { sha256: "0".repeat(64) },
      /has sha256 81654dd5.*pins 0{64}.*pnpm spec:update --from/,
    ],
    [
      "a missing source",
      { file: "dataportability-v1-19990101.json" },
      /dataportability-v1-19990101\.json not found.*spec:sync --live/,
    ],
    ["a file that is not JSON", { file: "../README.md" }, /README\.md is not JSON/],
  ])("refuses %s with one line and leaves the previous output intact", (_, overrides, message) => {
    const s = scratch();
    expect(run(generate, [], s.env).status).toBe(0);
    const before = readFileSync(join(s.out, "metadata.gen.ts"), "utf8");
    writeFileSync(s.pinPath, JSON.stringify({ ...pin, localDir: sharedDir, ...overrides }));
    const result = run(generate, [], s.env);
    expect(result.status).toBe(1);
    expect(result.stderr.split("\n")).toHaveLength(1);
    expect(result.stderr).toMatch(message);
    expect(readFileSync(join(s.out, "metadata.gen.ts"), "utf8")).toBe(before);
  });

  it("spec:update re-pins, regenerates and writes a changeset with the bump", () => {
    const s = scratch({
      revision: "20241208",
      file: "dataportability-v1-20241208.json",
      sha256: "46b54d76e0a1fddaf3e84dbb5266305b60898905c869a8286d6fd9b54383953c",
    });
    const from = join(sharedDir, "dataportability-v1-20260105.json");
    const result = run("scripts/spec-update.ts", ["--from", from], s.env);
    expect(result.status).toBe(0);
    expect(JSON.parse(readFileSync(s.pinPath, "utf8"))).toMatchObject({
      revision: "20260105",
      sha256: pin.sha256,
    });
    expect(readFileSync(join(s.out, "metadata.gen.ts"), "utf8")).toContain('REVISION = "20260105"');
    const changeset = readFileSync(join(s.dir, "changesets", "spec-20260105.md"), "utf8");
    expect(changeset).toMatch(/^---\n"@dataportability\/spec": major\n/);
    expect(changeset).toContain("Methods added (2):");
  });

  it("spec:diff --json prints the structured diff", () => {
    const result = run("scripts/spec-diff.ts", ["20241208", "20260105", "--json"], {});
    expect(JSON.parse(result.stdout)).toMatchObject({
      from: "20241208",
      to: "20260105",
      bump: "major",
    });
  });
});
