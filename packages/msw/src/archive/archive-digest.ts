import { md5 } from "@noble/hashes/legacy";
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex } from "@noble/hashes/utils";
import type { ArchivePlan } from "./archive-plan.js";
import { readEntryFile } from "./archive-records.js";
import { bytesToBase64, crc32cToBase64, createCrc32, createCrc32c } from "./crc.js";
import { localHeader, readZip, zipTrailer } from "./stored-zip.js";

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

/** Bytes generated per step while hashing; one buffer of this size is reused throughout. */
const BUFFER_BYTES = 256 * 1024;

/**
 * Calls `each` with successive pieces of bytes [0, size) that `read` generates into one reused
 * buffer, yielding to the event loop every few MiB.
 */
async function stream(
  size: number,
  buffer: Uint8Array,
  read: (position: number, into: Uint8Array) => number,
  each: (bytes: Uint8Array) => void,
): Promise<void> {
  let sincePause = 0;
  for (let at = 0; at < size; ) {
    const n = read(at, buffer.subarray(0, Math.min(buffer.length, size - at)));
    if (n === 0) throw new RangeError(`Generated data ended at ${at} of ${size} bytes`);
    each(buffer.subarray(0, n));
    at += n;
    sincePause += n;
    if (sincePause >= YIELD_EVERY_BYTES) {
      sincePause = 0;
      await pause();
    }
  }
}

/**
 * Streams an archive to learn its entry CRC-32s, its CRC-32C and (unless the object is
 * composite) its MD5, yielding to the event loop every few MiB so a server stays responsive.
 * Memory stays at one 256 KiB buffer whatever the archive size: each entry's CRC-32C joins the
 * object's after its local header (which needs the entry's CRC-32) by CRC arithmetic, and only
 * MD5, which cannot be joined, takes a second pass over the entry.
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
  const buffer = new Uint8Array(BUFFER_BYTES);
  const crc32s: number[] = [];
  const crc32c = createCrc32c();
  const md5Hash = options.md5 ? md5.create() : undefined;
  for (const entry of plan.entries) {
    const read = (position: number, into: Uint8Array) => readEntryFile(entry.file, position, into);
    const crc = createCrc32();
    const dataCrc32c = createCrc32c();
    await stream(entry.size, buffer, read, (bytes) => {
      crc.update(bytes);
      dataCrc32c.update(bytes);
    });
    crc32s.push(crc.digest());
    const header = localHeader(plan, entry, crc.digest());
    crc32c.update(header);
    crc32c.append(dataCrc32c.digest(), entry.size);
    if (md5Hash) {
      md5Hash.update(header);
      await stream(entry.size, buffer, read, (bytes) => md5Hash.update(bytes));
    }
  }
  const trailer = zipTrailer(plan, crc32s);
  crc32c.update(trailer);
  md5Hash?.update(trailer);
  return {
    size: plan.size,
    crc32s,
    crc32c: crc32cToBase64(crc32c.digest()),
    ...(md5Hash ? { md5: bytesToBase64(md5Hash.digest()) } : {}),
  };
}

/**
 * The hex SHA-256 of an archive's bytes, computed by streaming them through one reused buffer.
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
  await stream(
    plan.size,
    new Uint8Array(BUFFER_BYTES),
    (position, into) => readZip(plan, crc32s, position, into),
    (bytes) => hash.update(bytes),
  );
  return bytesToHex(hash.digest());
}
