import { readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import {
  type DiscoveryDocument,
  parseDiscoveryDocument,
} from "../../src/converter/discovery-document.js";

const repoRoot = resolve(import.meta.dirname, "../../../..");
const pin = JSON.parse(readFileSync(join(repoRoot, "spec/pin.json"), "utf8")) as {
  localDir: string;
};

/** The discovery revisions kept in ../shared/spec/discovery. */
export const REVISIONS = ["20240319", "20241208", "20260105", "latest"] as const;

/** Reads one of Google's documents from ../shared (never from this repository). */
export function loadRevision(revision: (typeof REVISIONS)[number]): DiscoveryDocument {
  const path = join(repoRoot, pin.localDir, `dataportability-v1-${revision}.json`);
  return parseDiscoveryDocument(JSON.parse(readFileSync(path, "utf8")));
}

/** Our error overlay. */
export function loadOverlay() {
  return JSON.parse(readFileSync(join(repoRoot, "spec/overlay.json"), "utf8"));
}
