import { md5 } from "@noble/hashes/legacy";
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex } from "@noble/hashes/utils";
import type { ArchivePlan } from "./archive-plan.js";
import { recordFileChunks } from "./archive-records.js";
import { bytesToBase64, crc32cToBase64, createCrc32, createCrc32c } from "./crc.js";
import { localHeader, zipChunks, zipTrailer } from "./stored-zip.js";

const YIELD_EVERY_BYTES = 4 * 1024 * 1024;

/** The checksums Cloud Storage reports for an archive, and the CRC-32 of each zip entry. */
export interface ArchiveDigest {
  readonly size: number;
  /** CRC-32 of each entry's content, in plan order. */
  readonly crc32s: readonly number[];
  /** Base64 of the big-endian CRC-32C of the whole object, as in `x-goog-hash`. */
  readonly crc32c: string;
  /** Base64 MD5 of the whole object, as in `x-goog-hash`; absent for composite objects. */
  readonly md5?: string;
}

function pause(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 0));
}

/**
 * Streams an archive once to learn its entry CRC-32s, its CRC-32C and (unless the object is
 * composite) its MD5, yielding to the event loop every few MiB so a server stays responsive.
 * Holds at most one generated file (8 MiB) at a time.
 *
 * @example
 * ```ts
 * const digest = await digestArchive(plan, { md5: true });
 * digest.crc32c; // "…==", as Cloud Storage sends it
 * ```
 */
export async function digestArchive(
  plan: ArchivePlan,
  options: { readonly md5: boolean },
): Promise<ArchiveDigest> {
  const crc32s: number[] = [];
  const crc32c = createCrc32c();
  const md5Hash = options.md5 ? md5.create() : undefined;
  const feed = (bytes: Uint8Array) => {
    crc32c.update(bytes);
    md5Hash?.update(bytes);
  };
  let sincePause = 0;
  for (const entry of plan.entries) {
    const chunks = [...recordFileChunks(entry.file, 0, entry.size)];
    const crc = createCrc32();
    for (const chunk of chunks) crc.update(chunk);
    crc32s.push(crc.digest());
    feed(localHeader(plan, entry, crc.digest()));
    for (const chunk of chunks) feed(chunk);
    sincePause += entry.size;
    if (sincePause >= YIELD_EVERY_BYTES) {
      sincePause = 0;
      await pause();
    }
  }
  feed(zipTrailer(plan, crc32s));
  return {
    size: plan.size,
    crc32s,
    crc32c: crc32cToBase64(crc32c.digest()),
    ...(md5Hash ? { md5: bytesToBase64(md5Hash.digest()) } : {}),
  };
}

/**
 * The hex SHA-256 of an archive's bytes, computed by streaming them.
 *
 * @example
 * ```ts
 * await sha256OfArchive(plan, digest.crc32s); // "9f86d0…"
 * ```
 */
export async function sha256OfArchive(
  plan: ArchivePlan,
  crc32s: readonly number[],
): Promise<string> {
  const hash = sha256.create();
  let sincePause = 0;
  for (const chunk of zipChunks(plan, crc32s, 0, plan.size)) {
    hash.update(chunk);
    sincePause += chunk.length;
    if (sincePause >= YIELD_EVERY_BYTES) {
      sincePause = 0;
      await pause();
    }
  }
  return bytesToHex(hash.digest());
}
