/**
 * `pnpm spec:sync [--live]`: copies the pinned discovery document into spec/.cache/ after
 * checking its canonical sha256 (from ../shared/spec/discovery/, or downloaded with --live,
 * which matches as long as Google still serves the pinned revision).
 */
import { relative } from "node:path";
import { loadPinnedDocument, runScript } from "./spec-source.js";

runScript(async () => {
  const { pin, path } = await loadPinnedDocument({ live: process.argv.includes("--live") });
  console.log(
    `discovery revision ${pin.revision} verified (canonical sha256 ${pin.canonicalSha256.slice(0, 12)}…) -> ${relative(process.cwd(), path)}`,
  );
});
