import type { ArchiveState, CallOptions } from "@dataportability/core";
import { signedUrlExpiry } from "@dataportability/core";
import { redactUrl } from "../storage/storage-request.js";

/**
 * The part of a `PortabilityClient` the downloader needs: reading a job's state to get fresh
 * signed URLs.
 *
 * @example
 * ```ts
 * const client: ArchiveStateReader = createPortabilityClient({ auth });
 * ```
 */
export interface ArchiveStateReader {
  /** Reads the job's current state, with fresh signed URLs when it is COMPLETE. */
  getArchiveState(jobIdOrName: string, options?: CallOptions): Promise<ArchiveState>;
}

/**
 * The signed URLs of one archive job, refreshed from `getArchiveState` when they expire. A
 * refresh is shared by every file that needs one at the same time.
 */
export class ArchiveUrls {
  readonly #urls: string[];
  #pending: Promise<void> | undefined;
  #refreshes = 0;

  constructor(
    urls: readonly string[],
    private readonly source: { jobId: string; client: ArchiveStateReader } | undefined,
    private readonly onRefresh: (index: number, expiresAt: Date | undefined) => void,
  ) {
    this.#urls = [...urls];
  }

  /** How many refreshes happened. */
  get refreshes(): number {
    return this.#refreshes;
  }

  /** Whether fresh URLs can be fetched at all. */
  get canRefresh(): boolean {
    return this.source !== undefined;
  }

  /** The current URL of file `index`. */
  get(index: number): string {
    const url = this.#urls[index];
    if (url === undefined) throw new RangeError(`no archive URL #${index}`);
    return url;
  }

  /** When the URL of file `index` expires, if it says. */
  expiresAt(index: number): Date | undefined {
    return signedUrlExpiry(this.get(index));
  }

  /**
   * Replaces the URLs with fresh ones. `seen` is the URL the caller found stale: when another
   * caller already replaced it, no new request is made.
   */
  async refresh(index: number, seen: string, signal?: AbortSignal): Promise<void> {
    if (this.#urls[index] !== seen) return;
    if (!this.source) throw new Error("no client to refresh archive URLs with");
    const { jobId, client } = this.source;
    this.#pending ??= (async () => {
      const state = await client.getArchiveState(jobId, { signal });
      if (state.state !== "COMPLETE" || state.urls.length === 0) {
        throw new Error(`archive job ${jobId} is ${state.state} with no URLs`);
      }
      this.#replace(state.urls);
      this.#refreshes++;
      this.onRefresh(index, signedUrlExpiry(state.urls[0] ?? ""));
    })().finally(() => {
      this.#pending = undefined;
    });
    await this.#pending;
  }

  // Fresh URLs are matched to files by object path (the query differs); by position otherwise.
  #replace(fresh: readonly string[]): void {
    const byPath = new Map(fresh.map((url) => [redactUrl(url), url]));
    const sameSet = this.#urls.every((url) => byPath.has(redactUrl(url)));
    this.#urls.forEach((url, index) => {
      const next = sameSet ? byPath.get(redactUrl(url)) : fresh[index];
      if (next !== undefined) this.#urls[index] = next;
    });
  }
}
