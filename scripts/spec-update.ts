/**
 * `pnpm spec:update --from <file-or-url>`: re-pins spec/pin.json to another discovery
 * document, regenerates the spec package, and writes a changeset with the bump the
 * difference calls for and a readable summary. Nothing is re-pinned if regeneration fails.
 */
import { spawnSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { parseDiscoveryDocument } from "../packages/spec/src/converter/discovery-document.js";
import { diffDiscovery, formatSpecDiff } from "../packages/spec/src/diff/diff-discovery.js";
import {
  CACHE_DIR,
  canonicalSha256,
  loadPinnedDocument,
  parseDiscoveryBytes,
  REPO_ROOT,
  readSource,
  runScript,
  SpecSourceError,
  writePin,
} from "./spec-source.js";

/** Packages whose public types come from the generated spec. */
const PACKAGES_EXPOSING_SPEC = [
  "@dataportability/spec",
  "@dataportability/core",
  "@dataportability/msw",
];
const CHANGESET_DIR = process.env.DATAPORTABILITY_CHANGESET_DIR ?? join(REPO_ROOT, ".changeset");

runScript(async () => {
  const fromIndex = process.argv.indexOf("--from");
  const from = fromIndex > 0 ? process.argv[fromIndex + 1] : undefined;
  if (!from) {
    throw new SpecSourceError("usage: pnpm spec:update --from <discovery file or http(s) URL>");
  }
  const bytes = await readSource(from);
  const document = parseDiscoveryBytes(bytes, from);
  const next = parseDiscoveryDocument(document);
  const current = await loadPinnedDocument();
  const digest = canonicalSha256(document);
  if (digest === current.pin.canonicalSha256) {
    console.log(`${from} is already pinned (revision ${current.pin.revision}); nothing to do`);
    return;
  }
  const diff = diffDiscovery(
    parseDiscoveryDocument(JSON.parse(new TextDecoder().decode(current.bytes))),
    next,
  );
  const revision = next.revision ?? "unknown";
  const file = `${current.pin.service}-${current.pin.version}-${revision}.json`;
  await mkdir(CACHE_DIR, { recursive: true });
  await writeFile(join(CACHE_DIR, file), bytes);

  const pin = { ...current.pin, revision, file, canonicalSha256: digest };
  if (/^https?:\/\//.test(from)) pin.liveUrl = from;
  await writePin(pin);
  const generated = spawnSync(
    process.execPath,
    ["--import", "tsx", join(REPO_ROOT, "packages/spec/scripts/generate.ts")],
    { cwd: REPO_ROOT, stdio: "inherit" },
  );
  if (generated.status !== 0) {
    await writePin(current.pin);
    throw new SpecSourceError(`regenerating from ${from} failed; spec/pin.json is unchanged`);
  }

  const summary = formatSpecDiff(diff);
  if (diff.bump !== "none") {
    const header = PACKAGES_EXPOSING_SPEC.map((name) => `"${name}": ${diff.bump}`).join("\n");
    const body = `Update the Data Portability API to discovery revision ${revision}.\n\n${summary}\n`;
    await mkdir(CHANGESET_DIR, { recursive: true });
    await writeFile(join(CHANGESET_DIR, `spec-${revision}.md`), `---\n${header}\n---\n\n${body}`);
  }
  console.log(summary);
  console.log(
    `\npinned revision ${revision} (canonical sha256 ${digest.slice(0, 12)}…) in spec/pin.json${
      diff.bump === "none" ? "" : `; wrote .changeset/spec-${revision}.md (${diff.bump})`
    }`,
  );
});
