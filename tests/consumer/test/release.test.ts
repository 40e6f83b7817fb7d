import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  changeset,
  createChangesetsSandbox,
  workspacePackageDirs,
} from "../src/changesets-sandbox.js";
import { listPublishedPackages } from "../src/published-packages.js";
import { repoRoot } from "../src/repo.js";

const published = listPublishedPackages();
const readJson = (path: string) => JSON.parse(readFileSync(path, "utf8"));
let sandbox: string;

beforeAll(async () => {
  sandbox = await createChangesetsSandbox();
});
afterAll(() => {
  if (sandbox) rmSync(sandbox, { recursive: true, force: true });
});

/** The version a semver bump leads to (enough for the plain x.y.z versions we publish). */
function bump(version: string, type: "major" | "minor" | "patch"): string {
  const [major = 0, minor = 0, patch = 0] = version.split(".").map(Number);
  if (type === "major") return `${major + 1}.0.0`;
  if (type === "minor") return `${major}.${minor + 1}.0`;
  return `${major}.${minor}.${patch + 1}`;
}

/** The largest bump the pending changesets in a .changeset folder ask for. */
function pendingBump(dir: string): "major" | "minor" | "patch" {
  const order = ["patch", "minor", "major"] as const;
  let highest = 0;
  for (const file of readdirSync(dir).filter(
    (name) => name.endsWith(".md") && name !== "README.md",
  )) {
    const frontMatter =
      /^---\n([\s\S]*?)\n---/.exec(readFileSync(join(dir, file), "utf8"))?.[1] ?? "";
    for (const match of frontMatter.matchAll(/:\s*(major|minor|patch)\s*$/gm)) {
      highest = Math.max(highest, order.indexOf(match[1] as (typeof order)[number]));
    }
  }
  return order[highest]!;
}

describe("changesets (lockstep release of every published package)", () => {
  it("the fixed group in .changeset/config.json names exactly the published packages", () => {
    const config = readJson(join(repoRoot, ".changeset/config.json"));
    expect([...config.fixed[0]].sort()).toEqual(published.map((pkg) => pkg.name).sort());
    expect(config.privatePackages).toEqual({ version: false, tag: false });
  });

  it("every published package starts from the same version", () => {
    expect(new Set(published.map((pkg) => pkg.manifest.version)).size).toBe(1);
  });

  it("`changeset status` works on a clean checkout", async () => {
    const result = await changeset(sandbox, "status", "--verbose");
    expect(result.code, result.stderr).toBe(0);
  });

  it("a dry-run `changeset version` moves every published package to the next version together", async () => {
    const current = published[0]!.manifest.version;
    writeFileSync(
      join(sandbox, ".changeset/dry-run-feature.md"),
      `---\n"@dataportability/core": minor\n---\n\nA dry-run feature.\n`,
    );
    // Together with the changesets already waiting in the repository.
    const expected = bump(current, pendingBump(join(sandbox, ".changeset")));
    const status = await changeset(sandbox, "status", "--verbose");
    expect(status.code, status.stderr).toBe(0);
    expect(status.stdout).toContain("@dataportability/core");

    const version = await changeset(sandbox, "version");
    expect(version.code, version.stderr + version.stdout).toBe(0);
    for (const pkg of published) {
      const dir = join(sandbox, pkg.relativeDir);
      const manifest = readJson(join(dir, "package.json"));
      // changesets bumps a package to a new major when a peer dependency leaves its range, and
      // every minor of a 0.x version does: so none of our packages may be a peer of another.
      expect(`${pkg.name}@${manifest.version}`, "see peerDependencies on our own packages").toBe(
        `${pkg.name}@${expected}`,
      );
      // Internal ranges stay on the workspace protocol; pnpm publish rewrites them.
      for (const field of ["dependencies", "peerDependencies", "devDependencies"]) {
        for (const [name, range] of Object.entries<string>(manifest[field] ?? {})) {
          if (name.startsWith("@dataportability/")) expect(range).toMatch(/^workspace:/);
        }
      }
    }
    const changelog = readFileSync(join(sandbox, "packages/core/CHANGELOG.md"), "utf8");
    expect(changelog).toContain(`## ${expected}`);
    expect(changelog).toContain("A dry-run feature.");
    expect(existsSync(join(sandbox, ".changeset/dry-run-feature.md"))).toBe(false);
  });

  it("leaves private packages (tests, examples, bench) alone", () => {
    const privateDirs = workspacePackageDirs().filter(
      (dir) => readJson(join(repoRoot, dir, "package.json")).private === true,
    );
    expect(privateDirs).toContain("tests/consumer");
    for (const dir of privateDirs) {
      expect(readJson(join(sandbox, dir, "package.json")).version, dir).toBe(
        readJson(join(repoRoot, dir, "package.json")).version,
      );
      expect(existsSync(join(sandbox, dir, "CHANGELOG.md")), dir).toBe(false);
    }
  });
});
