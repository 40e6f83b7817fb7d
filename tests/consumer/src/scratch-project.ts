import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { PackedPackage } from "./pack.js";
import { run } from "./repo.js";

/** Type packages a consumer of our Node and React packages installs beside them. */
export const consumerTypePackages = { "@types/node": "20.19.43", "@types/react": "19.3.3" };

/**
 * Writes a scratch npm project that depends on every tarball (as `file:` specs) and installs it
 * with plain npm, so peers and third-party dependencies resolve the way they do for users.
 * Sub-projects (ESM, CJS, TypeScript) live in folders below and share its node_modules.
 */
export async function installScratchProject(
  packed: readonly PackedPackage[],
  dir: string,
): Promise<{ installMs: number; log: string }> {
  mkdirSync(dir, { recursive: true });
  const dependencies: Record<string, string> = { ...consumerTypePackages };
  for (const { pkg, tarball } of packed) dependencies[pkg.name] = `file:${tarball}`;
  writeFileSync(
    join(dir, "package.json"),
    `${JSON.stringify({ name: "dataportability-consumer", private: true, dependencies }, null, 2)}\n`,
  );
  const started = performance.now();
  const result = await run(
    "npm",
    [
      "install",
      "--prefer-offline",
      "--no-audit",
      "--no-fund",
      "--ignore-scripts",
      "--loglevel=error",
    ],
    { cwd: dir, env: { ...process.env, npm_config_update_notifier: "false" }, timeoutMs: 480_000 },
  );
  if (result.code !== 0) {
    throw new Error(`npm install in the scratch project failed:\n${result.stderr}${result.stdout}`);
  }
  return { installMs: performance.now() - started, log: result.stdout + result.stderr };
}
