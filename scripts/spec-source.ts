/**
 * The pinned discovery document: where it comes from and how it is checked. Shared by
 * `pnpm spec:sync`, `pnpm spec:update` and the spec package's `generate` step.
 */
import { createHash } from "node:crypto";
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "..");
/** `spec/pin.json`; DATAPORTABILITY_SPEC_PIN points elsewhere (the scripts' tests use it). */
export const PIN_PATH = process.env.DATAPORTABILITY_SPEC_PIN ?? join(REPO_ROOT, "spec", "pin.json");
export const OVERLAY_PATH = join(REPO_ROOT, "spec", "overlay.json");
export const CACHE_DIR = join(REPO_ROOT, "spec", ".cache");

/** `spec/pin.json`. */
export interface SpecPin {
  service: string;
  version: string;
  revision: string;
  file: string;
  /**
   * sha256 of the document's canonical form ({@link canonicalJson}): a copy of the same
   * revision matches whatever its layout, so Google's live document matches the shared file.
   */
  canonicalSha256: string;
  liveUrl: string;
  /** Folder, relative to the repository root, that holds Google's documents. */
  localDir: string;
}

/** A problem with the spec source, reported as one line that names the file and the fix. */
export class SpecSourceError extends Error {
  override readonly name = "SpecSourceError";
}

export async function writePin(pin: SpecPin): Promise<void> {
  const temp = `${PIN_PATH}.${process.pid}.tmp`;
  await writeFile(temp, `${JSON.stringify(pin, null, 2)}\n`);
  await rename(temp, PIN_PATH);
}

export async function readPin(): Promise<SpecPin> {
  return JSON.parse(await readFile(PIN_PATH, "utf8")) as SpecPin;
}

/** The JSON text of a value with every object's keys sorted and no whitespace. */
export function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.keys(value)
      .sort()
      .map(
        (key) => `${JSON.stringify(key)}:${canonicalJson((value as Record<string, unknown>)[key])}`,
      );
    return `{${entries.join(",")}}`;
  }
  return JSON.stringify(value);
}

/** sha256 (hex) of a parsed document's {@link canonicalJson}. */
export function canonicalSha256(document: unknown): string {
  return createHash("sha256").update(canonicalJson(document)).digest("hex");
}

/** Parses bytes as a discovery document, or says why they are not one. */
export function parseDiscoveryBytes(bytes: Uint8Array, origin: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(new TextDecoder().decode(bytes));
  } catch {
    throw new SpecSourceError(
      `${origin} is not JSON: expected a Google discovery document (${"discovery#restDescription"}); check the path or URL`,
    );
  }
  const kind = (value as { kind?: unknown } | null)?.kind;
  if (kind !== "discovery#restDescription") {
    throw new SpecSourceError(
      `${origin} is not a discovery document (kind is ${JSON.stringify(kind ?? null)}, expected "discovery#restDescription"); point at the document served at $discovery/rest`,
    );
  }
  return value as Record<string, unknown>;
}

/**
 * Reads a discovery document named by a file path, an http(s) URL, or a revision kept in
 * the pinned local folder (`20241208` -> `<localDir>/dataportability-v1-20241208.json`).
 */
export async function loadDiscovery(from: string): Promise<Record<string, unknown>> {
  let path = from;
  if (/^(\d{8}|latest)$/.test(from)) {
    const pin = await readPin();
    path = resolve(REPO_ROOT, pin.localDir, `${pin.service}-${pin.version}-${from}.json`);
  }
  return parseDiscoveryBytes(await readSource(path), path);
}

/** Reads a file path or downloads an http(s) URL. */
export async function readSource(from: string): Promise<Uint8Array> {
  if (/^https?:\/\//.test(from)) {
    let response: Response;
    try {
      response = await fetch(from, { signal: AbortSignal.timeout(30_000) });
    } catch (error) {
      throw new SpecSourceError(
        `${from} could not be downloaded (${(error as Error).message}); check the network or use a local file`,
      );
    }
    if (!response.ok) {
      throw new SpecSourceError(`${from} answered HTTP ${response.status}; check the URL`);
    }
    return new Uint8Array(await response.arrayBuffer());
  }
  try {
    return new Uint8Array(await readFile(from));
  } catch {
    throw new SpecSourceError(`${from} does not exist or cannot be read; check the path`);
  }
}

/**
 * Returns the bytes of the pinned document, verified against the pinned canonical sha256
 * (so a copy of the same revision in another layout, as Google serves it, passes), and keeps
 * a copy in `spec/.cache/`. Reads the local copy (`localDir/file`) unless `live` is set,
 * in which case it downloads `liveUrl`.
 */
export async function loadPinnedDocument(options: { live?: boolean } = {}): Promise<{
  pin: SpecPin;
  bytes: Uint8Array;
  path: string;
}> {
  const pin = await readPin();
  const localPath = resolve(REPO_ROOT, pin.localDir, pin.file);
  const cachedPath = join(CACHE_DIR, pin.file);
  let bytes: Uint8Array;
  let origin: string;
  if (options.live) {
    bytes = await readSource(pin.liveUrl);
    origin = pin.liveUrl;
  } else {
    const candidates = [localPath, cachedPath];
    const found = await firstReadable(candidates);
    if (!found) {
      throw new SpecSourceError(
        `${relative(process.cwd(), localPath)} not found (pinned in spec/pin.json): put ../shared beside the repository, or run \`pnpm spec:sync --live\` to download ${pin.liveUrl}`,
      );
    }
    [origin, bytes] = found;
  }
  const document = parseDiscoveryBytes(bytes, origin);
  const actual = canonicalSha256(document);
  if (actual !== pin.canonicalSha256) {
    const revision = String(document["revision"] ?? "unknown");
    throw new SpecSourceError(
      revision === pin.revision
        ? `${origin} is revision ${revision} as pinned, but its content differs (canonical sha256 ${actual}, spec/pin.json pins ${pin.canonicalSha256}): if the new content is intended, run \`pnpm spec:update --from ${origin}\``
        : `${origin} is revision ${revision}, but spec/pin.json pins revision ${pin.revision}: run \`pnpm spec:update --from ${origin}\` to adopt revision ${revision}`,
    );
  }
  await mkdir(CACHE_DIR, { recursive: true });
  const temp = `${cachedPath}.${process.pid}.tmp`;
  await writeFile(temp, bytes);
  await rename(temp, cachedPath);
  return { pin, bytes, path: cachedPath };
}

async function firstReadable(paths: string[]): Promise<[string, Uint8Array] | undefined> {
  for (const path of paths) {
    try {
      return [path, new Uint8Array(await readFile(path))];
    } catch {
      // try the next one
    }
  }
  return undefined;
}

/** Runs a script's main function, printing a SpecSourceError as one line and exiting 1. */
export function runScript(main: () => Promise<void>): void {
  main().catch((error: unknown) => {
    if (error instanceof SpecSourceError) {
      console.error(`error: ${error.message}`);
    } else {
      console.error(error);
    }
    process.exit(1);
  });
}
