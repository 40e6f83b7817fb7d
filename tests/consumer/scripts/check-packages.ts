// `pnpm check:packages`: packs every published package once and runs publint --strict, attw,
// and the tarball contents, metadata and declared-dependency checks on the tarball.
// Usage: check-packages.ts [package-name ...]   (default: every published package)
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { checkPackedPackage } from "../src/check-packed-package.js";
import { packAll } from "../src/pack.js";
import { listPublishedPackages } from "../src/published-packages.js";

const wanted = process.argv.slice(2);
const packages = listPublishedPackages().filter(
  (pkg) => wanted.length === 0 || wanted.includes(pkg.name),
);
const unknown = wanted.filter((name) => !packages.some((pkg) => pkg.name === name));
if (unknown.length > 0) {
  console.error(`unknown package(s): ${unknown.join(", ")}`);
  process.exit(2);
}

const workDir = mkdtempSync(join(tmpdir(), "dp-check-packages-"));
let failed = 0;
try {
  for (const packed of await packAll(packages, workDir)) {
    const report = await checkPackedPackage(packed);
    const problems = report.checks.flatMap((check) => check.problems);
    failed += problems.length > 0 ? 1 : 0;
    console.log(`${problems.length > 0 ? "✗" : "✓"} ${report.name} (${packed.files.length} files)`);
    for (const check of report.checks) {
      const status = check.problems.length > 0 ? "✗" : "✓";
      console.log(`  ${status} ${check.check} (${Math.round(check.ms)} ms)`);
      for (const problem of check.problems)
        console.log(`      ${problem.replace(/\n/g, "\n      ")}`);
    }
    for (const suggestion of report.suggestions) console.log(`  · ${suggestion}`);
  }
} finally {
  rmSync(workDir, { recursive: true, force: true });
}
console.log(
  failed > 0
    ? `${failed} of ${packages.length} packages have problems`
    : `all ${packages.length} packages pass`,
);
process.exit(failed > 0 ? 1 : 0);
