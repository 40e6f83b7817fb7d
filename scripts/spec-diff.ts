/**
 * `pnpm spec:diff <old> <new> [--json]`: what changed between two discovery documents and
 * the semver bump it calls for. Each side is a file, an http(s) URL, or a revision kept in
 * ../shared/spec/discovery (e.g. `20241208`, `latest`).
 *
 * `pnpm spec:diff --catalog <old> [<new>] [--json]`: the same for the archive catalog
 * (spec/archive-schema); each side is a folder or a git revision (`HEAD~1`, `main`), and the
 * new side defaults to the working tree.
 */

import { parseDiscoveryDocument } from "../packages/spec/src/converter/discovery-document.js";
import { diffArchiveCatalog } from "../packages/spec/src/diff/diff-archive-catalog.js";
import {
  diffDiscovery,
  formatSpecDiff,
  largestBump,
} from "../packages/spec/src/diff/diff-discovery.js";
import { loadArchiveCatalog } from "./archive-catalog-source.js";
import { loadDiscovery, runScript, SpecSourceError } from "./spec-source.js";

runScript(async () => {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const catalog = args.includes("--catalog");
  const [before, after, ...rest] = args.filter((arg) => arg !== "--json" && arg !== "--catalog");
  if (catalog) {
    if (!before || rest.length > 0) {
      throw new SpecSourceError(
        "usage: pnpm spec:diff --catalog <old> [<new>] [--json], each a folder or a git revision (default new: the working tree)",
      );
    }
    const changes = diffArchiveCatalog(
      await loadArchiveCatalog(before),
      await loadArchiveCatalog(after),
    );
    const diff = { from: before, to: after ?? "working tree", changes, bump: largestBump(changes) };
    console.log(json ? JSON.stringify(diff, null, 2) : formatSpecDiff(diff, "Archive catalog"));
    return;
  }
  if (!before || !after || rest.length > 0) {
    throw new SpecSourceError(
      "usage: pnpm spec:diff <old> <new> [--json], each a file, an http(s) URL or a revision in ../shared/spec/discovery such as 20241208; or pnpm spec:diff --catalog <old> [<new>]",
    );
  }
  const diff = diffDiscovery(
    parseDiscoveryDocument(await loadDiscovery(before)),
    parseDiscoveryDocument(await loadDiscovery(after)),
  );
  console.log(json ? JSON.stringify(diff, null, 2) : formatSpecDiff(diff));
});
