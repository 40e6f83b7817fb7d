import { ArchiveTooLargeError } from "../errors.js";

/**
 * Zip-bomb guards: checked on the sizes a zip declares where the reader knows them up front,
 * and on the bytes actually inflated, as they are inflated.
 *
 * @example
 * ```ts
 * const limits: ArchiveLimits = { maxTotalBytes: 20 * 2 ** 30, maxRatio: 100 };
 * ```
 */
export interface ArchiveLimits {
  /** Most entries allowed. Default 1,000,000. */
  maxEntries?: number;
  /** Most bytes one entry may inflate to. Default 64 GiB. */
  maxEntryBytes?: number;
  /** Most bytes all entries together may inflate to. Default 256 GiB. */
  maxTotalBytes?: number;
  /**
   * Largest ratio of inflated to compressed bytes, checked once past 64 MiB inflated (small
   * files of text legitimately compress very well). Default 200.
   */
  maxRatio?: number;
}

/**
 * The {@link ArchiveLimits} that apply where a caller sets none.
 *
 * @example
 * ```ts
 * const limits: ArchiveLimits = { ...ARCHIVE_LIMIT_DEFAULTS, maxRatio: 100 };
 * ```
 */
export const ARCHIVE_LIMIT_DEFAULTS: Readonly<Required<ArchiveLimits>> = Object.freeze({
  maxEntries: 1_000_000,
  maxEntryBytes: 64 * 2 ** 30,
  maxTotalBytes: 256 * 2 ** 30,
  maxRatio: 200,
});

/**
 * Inflated bytes below which `maxRatio` is not checked: small text files legitimately
 * compress very well.
 *
 * @example
 * ```ts
 * const checked = inflatedBytes > RATIO_CHECK_FLOOR_BYTES; // 64 MiB
 * ```
 */
export const RATIO_CHECK_FLOOR_BYTES = 64 * 2 ** 20;

/** Counts entries and inflated bytes against {@link ArchiveLimits}; throws when one is passed. */
export class InflationGuard {
  readonly #limits: Required<ArchiveLimits>;
  #entries = 0;
  #total = 0;

  constructor(limits: ArchiveLimits = {}) {
    this.#limits = { ...ARCHIVE_LIMIT_DEFAULTS, ...limits };
  }

  entry(): void {
    this.#entries++;
    if (this.#entries > this.#limits.maxEntries) {
      throw new ArchiveTooLargeError("maxEntries", this.#limits.maxEntries, this.#entries);
    }
  }

  /** Called as an entry inflates: `inflated` and `compressed` are its running totals. */
  inflated(name: string, added: number, inflated: number, compressed: number): void {
    const { maxEntryBytes, maxTotalBytes, maxRatio } = this.#limits;
    this.#total += added;
    if (inflated > maxEntryBytes) {
      throw new ArchiveTooLargeError("maxEntryBytes", maxEntryBytes, inflated, name);
    }
    if (this.#total > maxTotalBytes) {
      throw new ArchiveTooLargeError("maxTotalBytes", maxTotalBytes, this.#total);
    }
    if (inflated > RATIO_CHECK_FLOOR_BYTES && inflated / Math.max(compressed, 1) > maxRatio) {
      throw new ArchiveTooLargeError(
        "maxRatio",
        maxRatio,
        Math.round(inflated / Math.max(compressed, 1)),
        name,
      );
    }
  }
}
