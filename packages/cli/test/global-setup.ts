import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import path from "node:path";

// The smoke test runs dist/bin.js: build it first when it is missing or older than the sources.
export default function setup(): void {
  const root = path.resolve(import.meta.dirname, "..");
  const bin = path.join(root, "dist", "bin.js");
  const newest = (dir: string): number =>
    Math.max(
      ...readdirSync(dir, { withFileTypes: true }).map((entry) =>
        entry.isDirectory()
          ? newest(path.join(dir, entry.name))
          : statSync(path.join(dir, entry.name)).mtimeMs,
      ),
    );
  if (!existsSync(bin) || statSync(bin).mtimeMs < newest(path.join(root, "src"))) {
    const tsup = path.join(
      path.dirname(createRequire(path.join(root, "package.json")).resolve("tsup/package.json")),
      "dist",
      "cli-default.js",
    );
    execFileSync(process.execPath, [tsup], {
      cwd: root,
      stdio: "ignore",
    });
  }
}
