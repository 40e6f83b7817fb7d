import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
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

/** Like {@link run}, without blocking the event loop (for scripts that talk to a local server). */
function runAsync(script: string, args: string[], env: Record<string, string>) {
  return new Promise<{ status: number | null; stdout: string; stderr: string }>((done) => {
    const child = spawn(process.execPath, ["--import", "tsx", join(repoRoot, script), ...args], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (chunk) => (stdout += chunk));
    child.stderr.on("data", (chunk) => (stderr += chunk));
    child.on("close", (status) => done({ status, stdout, stderr: stderr.trim() }));
  });
}

/** Serves `body` as Google's discovery endpoint would, on loopback, for one test. */
async function serveDiscovery(body: string) {
  const server = createServer((_, response) => {
    response.writeHead(200, { "content-type": "application/json; charset=UTF-8" });
    response.end(body);
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/$discovery/rest?version=v1`,
    close: () => new Promise((closed) => server.close(closed)),
  };
}

/** The same JSON value laid out differently: keys in reverse order, 4-space indent. */
function relaidOut(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(relaidOut);
  if (value === null || typeof value !== "object") return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([key, item]) => [key, relaidOut(item)]),
  );
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
      "a document whose content differs from the pin",
      { canonicalSha256: "0".repeat(64) },
      /is revision 20260105 as pinned, but its content differs \(canonical sha256 2e06600d.*pins 0{64}\).*pnpm spec:update --from/,
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
      canonicalSha256: "36d118b213d545f631853c502c784fe639bafb8c5ca4eadf47bd7fc745dfe8f8",
    });
    const from = join(sharedDir, "dataportability-v1-20260105.json");
    const result = run("scripts/spec-update.ts", ["--from", from], s.env);
    expect(result.status).toBe(0);
    expect(JSON.parse(readFileSync(s.pinPath, "utf8"))).toMatchObject({
      revision: "20260105",
      canonicalSha256: pin.canonicalSha256,
    });
    expect(readFileSync(join(s.out, "metadata.gen.ts"), "utf8")).toContain('REVISION = "20260105"');
    const changeset = readFileSync(join(s.dir, "changesets", "spec-20260105.md"), "utf8");
    expect(changeset).toMatch(/^---\n"@dataportability\/spec": major\n/);
    expect(changeset).toContain("Methods added (2):");
  });

  it("spec:sync --live accepts the pinned revision in another layout", async () => {
    const pinned = JSON.parse(readFileSync(join(sharedDir, pin.file), "utf8"));
    const server = await serveDiscovery(JSON.stringify(relaidOut(pinned), null, 4));
    try {
      const s = scratch({ liveUrl: server.url });
      const result = await runAsync("scripts/spec-sync.ts", ["--live"], s.env);
      expect(result.stderr).toBe("");
      expect(result.status).toBe(0);
      expect(result.stdout).toContain(
        "discovery revision 20260105 verified (canonical sha256 2e06600d",
      );
    } finally {
      await server.close();
    }
  });

  it("spec:sync --live names the revision Google serves when it differs, and spec:update", async () => {
    const server = await serveDiscovery(
      readFileSync(join(sharedDir, "dataportability-v1-20241208.json"), "utf8"),
    );
    try {
      const s = scratch({ liveUrl: server.url });
      const result = await runAsync("scripts/spec-sync.ts", ["--live"], s.env);
      expect(result.status).toBe(1);
      expect(result.stderr.split("\n")).toHaveLength(1);
      expect(result.stderr).toBe(
        `error: ${server.url} is revision 20241208, but spec/pin.json pins revision 20260105: run \`pnpm spec:update --from ${server.url}\` to adopt revision 20241208`,
      );
    } finally {
      await server.close();
    }
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
