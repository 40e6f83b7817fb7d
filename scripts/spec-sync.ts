/**
 * `pnpm spec:sync [--live]`: copies the pinned discovery document into spec/.cache/ after
 * checking its sha256 (from ../shared/spec/discovery/, or downloaded with --live).
 */
import { relative } from "node:path";
import { loadPinnedDocument, runScript } from "./spec-source.js";

runScript(async () => {
  const { pin, path } = await loadPinnedDocument({ live: process.argv.includes("--live") });
  console.log(
    `discovery revision ${pin.revision} verified (sha256 ${pin.sha256.slice(0, 12)}…) -> ${relative(process.cwd(), path)}`,
  );
});
