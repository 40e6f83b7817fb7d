/**
 * `pnpm spec:diff <old> <new> [--json]`: what changed between two discovery documents and
 * the semver bump it calls for. Each side is a file, an http(s) URL, or a revision kept in
 * ../shared/spec/discovery (e.g. `20241208`, `latest`).
 */
import { diffDiscovery, formatSpecDiff } from "../packages/spec/src/diff-discovery.js";
import { parseDiscoveryDocument } from "../packages/spec/src/discovery-document.js";
import { loadDiscovery, runScript, SpecSourceError } from "./spec-source.js";

runScript(async () => {
  const args = process.argv.slice(2);
  const json = args.includes("--json");
  const [before, after, ...rest] = args.filter((arg) => arg !== "--json");
  if (!before || !after || rest.length > 0) {
    throw new SpecSourceError(
      "usage: pnpm spec:diff <old> <new> [--json], each a file, an http(s) URL or a revision in ../shared/spec/discovery such as 20241208",
    );
  }
  const diff = diffDiscovery(
    parseDiscoveryDocument(await loadDiscovery(before)),
    parseDiscoveryDocument(await loadDiscovery(after)),
  );
  console.log(json ? JSON.stringify(diff, null, 2) : formatSpecDiff(diff));
});
