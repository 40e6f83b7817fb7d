import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { repoRoot, run } from "./repo.js";

const changesetBin = join(
  dirname(createRequire(import.meta.url).resolve("@changesets/cli/package.json")),
  "bin.js",
);

/** Folders of the workspace that hold a package.json, as pnpm-workspace.yaml lists them. */
export function workspacePackageDirs(): string[] {
  const yaml = readFileSync(join(repoRoot, "pnpm-workspace.yaml"), "utf8");
  const block = /^packages:\n((?:\s+-\s+.+\n?)+)/m.exec(yaml)?.[1] ?? "";
  const patterns = [...block.matchAll(/-\s+["']?([^"'\n]+)["']?/g)].map((m) => m[1]!.trim());
  return patterns
    .flatMap((pattern) => {
      if (!pattern.endsWith("/*")) return [pattern];
      const parent = pattern.slice(0, -2);
      return readdirSync(join(repoRoot, parent), { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => `${parent}/${entry.name}`);
    })
    .filter((dir) => existsSync(join(repoRoot, dir, "package.json")));
}

/**
 * A throwaway git repository holding only what changesets reads: the root and workspace
 * package.json files, pnpm-workspace.yaml and .changeset/, committed on `main`.
 */
export async function createChangesetsSandbox(): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "dp-changesets-"));
  for (const file of ["package.json", "pnpm-workspace.yaml"]) {
    cpSync(join(repoRoot, file), join(dir, file));
  }
  cpSync(join(repoRoot, ".changeset"), join(dir, ".changeset"), { recursive: true });
  for (const pkgDir of workspacePackageDirs()) {
    mkdirSync(join(dir, pkgDir), { recursive: true });
    cpSync(join(repoRoot, pkgDir, "package.json"), join(dir, pkgDir, "package.json"));
  }
  const git = (...args: string[]) =>
    run("git", ["-c", "user.name=test", "-c", "user.email=test@example.invalid", ...args], {
      cwd: dir,
    });
  for (const args of [
    ["init", "-q", "-b", "main"],
    ["add", "-A"],
    ["commit", "-q", "-m", "base"],
  ]) {
    const result = await git(...args);
    if (result.code !== 0) throw new Error(`git ${args.join(" ")} failed: ${result.stderr}`);
  }
  return dir;
}

/** Runs the workspace's own `changeset` CLI in the sandbox. */
export function changeset(dir: string, ...args: string[]) {
  return run(process.execPath, [changesetBin, ...args], { cwd: dir });
}
