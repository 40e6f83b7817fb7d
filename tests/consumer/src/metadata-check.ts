import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import type { PackedPackage } from "./pack.js";
import type { Manifest } from "./published-packages.js";
import { repoRoot } from "./repo.js";

const rootManifest = JSON.parse(readFileSync(join(repoRoot, "package.json"), "utf8")) as Manifest;
const repositoryUrl = "git+https://github.com/dataportability-ts/dataportability-ts.git";

/**
 * The published package.json: description, keywords, license, repository (with the package's
 * folder), engines, no `workspace:` ranges left, and bins that exist and start with a shebang.
 */
export function metadataProblems(packed: PackedPackage): string[] {
  const manifest = JSON.parse(
    readFileSync(join(packed.unpackedDir, "package.json"), "utf8"),
  ) as Manifest & { homepage?: string; bugs?: { url?: string } | string };
  const problems: string[] = [];
  if (!manifest.description || manifest.description.length < 20) {
    problems.push("description is missing or too short to say what the package does");
  }
  if (!Array.isArray(manifest.keywords) || manifest.keywords.length < 3) {
    problems.push("keywords: give at least three");
  }
  if (manifest.license !== rootManifest.license) {
    problems.push(`license is ${manifest.license}, the repository is ${rootManifest.license}`);
  }
  const repository = typeof manifest.repository === "object" ? manifest.repository : undefined;
  if (repository?.url !== repositoryUrl || repository.type !== "git") {
    problems.push(`repository must be { "type": "git", "url": "${repositoryUrl}", ... }`);
  }
  if (repository?.directory !== packed.pkg.relativeDir) {
    problems.push(
      `repository.directory is ${repository?.directory}, the package lives in ${packed.pkg.relativeDir}`,
    );
  }
  if (manifest.engines?.["node"] !== rootManifest.engines?.["node"]) {
    problems.push(
      `engines.node is ${manifest.engines?.["node"]}, the repository supports ${rootManifest.engines?.["node"]}`,
    );
  }
  if (!manifest.homepage?.startsWith("https://")) problems.push("homepage is missing");
  const bugs = typeof manifest.bugs === "string" ? manifest.bugs : manifest.bugs?.url;
  if (!bugs?.startsWith("https://")) problems.push("bugs.url is missing");
  for (const field of ["dependencies", "peerDependencies", "optionalDependencies"] as const) {
    for (const [name, range] of Object.entries(manifest[field] ?? {})) {
      if (/^(workspace|link|file):/.test(range)) {
        problems.push(`${field}.${name} is ${range} in the tarball`);
      }
    }
  }
  const bins =
    typeof manifest.bin === "string" ? { [manifest.name]: manifest.bin } : (manifest.bin ?? {});
  for (const [command, file] of Object.entries(bins)) {
    const path = join(packed.unpackedDir, file);
    if (!existsSync(path)) {
      problems.push(`bin ${command} -> ${file} is not in the tarball`);
    } else if (!readFileSync(path, "utf8").startsWith("#!/usr/bin/env node")) {
      problems.push(`bin ${command} -> ${file} does not start with #!/usr/bin/env node`);
    }
  }
  return problems;
}
