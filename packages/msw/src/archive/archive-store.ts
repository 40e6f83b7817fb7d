import type { JobRecord } from "../api/job-store.js";
import type { UrlSigner } from "../storage/signed-url.js";
import { type ArchiveDigest, digestArchive } from "./archive-digest.js";
import { type ArchivePlan, planArchive } from "./archive-plan.js";

/** One archive object of a COMPLETE job. */
export interface ArchiveRef {
  /** Object path under the storage URL, such as `/dataportability-exports/123/portability-123-1.zip`. */
  readonly objectPath: string;
  readonly job: JobRecord;
  readonly index: number;
  readonly count: number;
  plan?: ArchivePlan;
  digest?: Promise<ArchiveDigest>;
}

/** How archives are generated and where they are served. */
export interface ArchiveStoreOptions {
  readonly seed: number;
  readonly storageUrl: string;
  readonly archiveBytes: number;
  readonly archivesPerJob: number;
  /** Objects larger than this are served as composite objects: no MD5 in `x-goog-hash`. */
  readonly compositeAboveBytes: number;
  readonly signer: UrlSigner;
}

const BUCKET = "dataportability-exports";
const YEAR_MS = 365 * 86_400_000;

/**
 * The archives of COMPLETE jobs: their object paths, plans, cached digests and signed URLs.
 *
 * @example
 * ```ts
 * const urls = archives.signedUrls(job, clock.nowMs());
 * const ref = archives.refOfUrl(new URL(urls[0]));
 * ```
 */
export class ArchiveStore {
  readonly #options: ArchiveStoreOptions;
  readonly #byJob = new Map<string, ArchiveRef[]>();
  readonly #byPath = new Map<string, ArchiveRef>();
  readonly #base: URL;

  constructor(options: ArchiveStoreOptions) {
    this.#options = options;
    this.#base = new URL(options.storageUrl);
  }

  /**
   * The archive objects of a job (created on first use).
   *
   * @example
   * ```ts
   * archives.refs(job).length; // archivesPerJob
   * ```
   */
  refs(job: JobRecord): readonly ArchiveRef[] {
    let refs = this.#byJob.get(job.id);
    if (!refs) {
      const count = this.#options.archivesPerJob;
      refs = Array.from({ length: count }, (_, index) => ({
        objectPath: `/${BUCKET}/${job.id}/portability-${job.id}-${index + 1}-of-${count}.zip`,
        job,
        index,
        count,
      }));
      for (const ref of refs) this.#byPath.set(ref.objectPath, ref);
      this.#byJob.set(job.id, refs);
    }
    return refs;
  }

  /**
   * Fresh signed URLs for every archive of a job, dated `nowMs`.
   *
   * @example
   * ```ts
   * archives.signedUrls(job, Date.now())[0]; // "https://storage.googleapis.com/dataportability-exports/…?X-Goog-Algorithm=…"
   * ```
   */
  signedUrls(job: JobRecord, nowMs: number): string[] {
    const base = this.#base.href.replace(/\/+$/, "");
    return this.refs(job).map((ref) =>
      this.#options.signer.sign(`${base}${ref.objectPath}`, nowMs),
    );
  }

  /**
   * The archive a storage URL addresses, if any.
   *
   * @example
   * ```ts
   * archives.refOfUrl(new URL(url))?.job.id;
   * ```
   */
  refOfUrl(url: URL): ArchiveRef | undefined {
    if (url.origin !== this.#base.origin) return undefined;
    const prefix = this.#base.pathname.replace(/\/+$/, "");
    if (!url.pathname.startsWith(`${prefix}/`)) return undefined;
    return this.#byPath.get(decodeURIComponent(url.pathname.slice(prefix.length)));
  }

  /**
   * The byte layout of an archive.
   *
   * @example
   * ```ts
   * archives.plan(ref).size;
   * ```
   */
  plan(ref: ArchiveRef): ArchivePlan {
    ref.plan ??= planArchive({
      seed: this.#options.seed,
      jobId: ref.job.id,
      index: ref.index,
      count: ref.count,
      resources: ref.job.resources,
      fromMs: ref.job.startTime ? Date.parse(ref.job.startTime) : ref.job.exportTimeMs - YEAR_MS,
      toMs: ref.job.exportTimeMs,
      // Groups without time-filter support export their whole history up to the job's start.
      unfiltered: { fromMs: ref.job.createdAtMs - YEAR_MS, toMs: ref.job.createdAtMs },
      archiveBytes: this.#options.archiveBytes,
      modifiedAtMs: ref.job.settledAtMs ?? ref.job.createdAtMs,
    });
    return ref.plan;
  }

  /**
   * Whether an archive is served as a composite object (no MD5).
   *
   * @example
   * ```ts
   * archives.isComposite(ref); // false for the default 64 KiB archives
   * ```
   */
  isComposite(ref: ArchiveRef): boolean {
    return this.plan(ref).size > this.#options.compositeAboveBytes;
  }

  /**
   * The checksums of an archive, computed once by streaming it and then cached.
   *
   * @example
   * ```ts
   * (await archives.digest(ref)).crc32c;
   * ```
   */
  digest(ref: ArchiveRef): Promise<ArchiveDigest> {
    ref.digest ??= digestArchive(this.plan(ref), { md5: !this.isComposite(ref) });
    return ref.digest;
  }
}
