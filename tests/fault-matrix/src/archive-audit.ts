import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import type { Emulator } from "@dataportability/msw";

/** What a folder holds after a flow, judged against the archives the emulator produced. */
export interface ArchiveAudit {
  /** Archives expected in full (all archives of `completeJobId`). */
  expected: number;
  /** Final files that are byte-identical (sha256) to an expected archive. */
  verified: number;
  bytesVerified: number;
  /** Expected archives missing or wrong, plus final files that match no archive. */
  bytesLost: number;
  /** Final files (not `.part`) that match no archive: half-written or foreign. */
  strayFiles: string[];
  /** Names of `.part` files kept for a later resume. */
  partFiles: string[];
}

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

/**
 * Compares every final file in `folder` with the archives of the job that completed: with a
 * `completeJobId`, each of its archives must be there byte for byte; without one, no final file
 * may exist at all. `.part` files (kept for resuming) are listed, not judged.
 *
 * @example
 * const audit = await auditArchives(world.server.emulator, world.folder, jobId);
 * expect(audit.bytesLost).toBe(0);
 */
export async function auditArchives(
  emulator: Emulator,
  folder: string,
  completeJobId: string | undefined,
): Promise<ArchiveAudit> {
  const job = completeJobId ? emulator.job(completeJobId) : undefined;
  if (completeJobId && job?.state !== "COMPLETE") {
    throw new Error(`job ${completeJobId} is ${job?.state ?? "unknown"}, not COMPLETE`);
  }
  const expected = await Promise.all((job?.urls ?? []).map((url) => emulator.expectedArchive(url)));
  const names = await readdir(folder).catch(() => [] as string[]);
  const partFiles = names.filter((name) => name.endsWith(".part") || name.endsWith(".part.json"));
  const finals = names.filter((name) => !partFiles.includes(name));
  const found = new Map<string, string>();
  for (const name of finals) found.set(sha256(await readFile(join(folder, name))), name);
  const audit: ArchiveAudit = {
    expected: expected.length,
    verified: 0,
    bytesVerified: 0,
    bytesLost: 0,
    strayFiles: [],
    partFiles,
  };
  const matched = new Set<string>();
  for (const archive of expected) {
    if (found.has(archive.sha256)) {
      audit.verified++;
      audit.bytesVerified += archive.size;
      matched.add(archive.sha256);
    } else {
      audit.bytesLost += archive.size;
    }
  }
  for (const [hash, name] of found) {
    if (matched.has(hash)) continue;
    audit.strayFiles.push(name);
    audit.bytesLost += (await readFile(join(folder, name))).byteLength;
  }
  return audit;
}
