/**
 * A source of the current time. Accepts `Date.now`-style numbers or `Date`s, so core's `Clock`
 * and a `VirtualClock` from `@dataportability/msw` both fit.
 *
 * @example
 * ```ts
 * const time: TimeSource = { now: () => Date.now() };
 * ```
 */
export interface TimeSource {
  /** The current time, in epoch milliseconds or as a `Date`. */
  now(): number | Date;
}

/**
 * A snapshot of one transfer (a file, or all files together).
 *
 * @example
 * ```ts
 * const p: TransferProgress = { bytes: 512, totalBytes: 1024, bytesPerSecond: 256, etaMs: 2000 };
 * ```
 */
export interface TransferProgress {
  /** Bytes on disk so far, including bytes kept from an earlier, resumed run. */
  bytes: number;
  /** Expected size, once the server has announced it. */
  totalBytes?: number;
  /** Recent throughput, averaged over a sliding window; 0 before any data arrives. */
  bytesPerSecond: number;
  /** Estimated time left, when the size is known and the rate is above 0. */
  etaMs?: number;
}

/** Reads a {@link TimeSource} as epoch milliseconds. */
export function clockMs(clock: TimeSource): number {
  const now = clock.now();
  return typeof now === "number" ? now : now.getTime();
}

class RateWindow {
  // [time, cumulative bytes] samples; the first one is the newest at or before the window start.
  readonly #samples: [number, number][] = [];
  #cumulative = 0;

  constructor(
    private readonly windowMs: number,
    start: number,
  ) {
    this.#samples.push([start, 0]);
  }

  add(bytes: number, now: number): void {
    this.#cumulative += bytes;
    const last = this.#samples.at(-1);
    // Coalesce samples into 100 ms buckets so memory stays bounded at any chunk rate.
    if (last && this.#samples.length > 1 && now - last[0] < 100) last[1] = this.#cumulative;
    else this.#samples.push([now, this.#cumulative]);
    this.#trim(now);
  }

  rate(now: number): number {
    this.#trim(now);
    const first = this.#samples[0];
    if (!first || now <= first[0]) return 0;
    return ((this.#cumulative - first[1]) * 1000) / (now - first[0]);
  }

  #trim(now: number): void {
    while (this.#samples.length > 1 && (this.#samples[1]?.[0] ?? now) <= now - this.windowMs) {
      this.#samples.shift();
    }
  }
}

interface Entry {
  bytes: number;
  totalBytes: number | undefined;
  window: RateWindow;
}

/**
 * Accounts bytes, throughput and ETA per file and in total, against an injected clock so the
 * numbers are testable without waiting.
 *
 * @example
 * ```ts
 * let now = 0;
 * const tracker = new ProgressTracker({ now: () => now });
 * tracker.start("a.zip", { totalBytes: 1000 });
 * now = 1000;
 * tracker.add("a.zip", 250);
 * tracker.file("a.zip"); // { bytes: 250, totalBytes: 1000, bytesPerSecond: 250, etaMs: 3000 }
 * ```
 */
export class ProgressTracker {
  readonly #entries = new Map<string, Entry>();
  readonly #total: RateWindow;

  constructor(
    private readonly clock: TimeSource = { now: Date.now },
    private readonly windowMs = 5000,
  ) {
    this.#total = new RateWindow(windowMs, clockMs(clock));
  }

  /** Registers (or re-registers) a file; `bytes` already on disk do not count toward the rate. */
  start(id: string, options: { totalBytes?: number; bytes?: number } = {}): void {
    this.#entries.set(id, {
      bytes: options.bytes ?? 0,
      totalBytes: options.totalBytes,
      window: new RateWindow(this.windowMs, clockMs(this.clock)),
    });
  }

  /** Records the size once known, and the byte count the transfer continues from. */
  update(id: string, fields: { totalBytes?: number; bytes?: number }): void {
    const entry = this.#require(id);
    if (fields.totalBytes !== undefined) entry.totalBytes = fields.totalBytes;
    if (fields.bytes !== undefined) entry.bytes = fields.bytes;
  }

  /** Counts bytes just written. */
  add(id: string, bytes: number): void {
    const now = clockMs(this.clock);
    const entry = this.#require(id);
    entry.bytes += bytes;
    entry.window.add(bytes, now);
    this.#total.add(bytes, now);
  }

  /** The progress of one file. */
  file(id: string): TransferProgress {
    const entry = this.#require(id);
    return snapshot(entry.bytes, entry.totalBytes, entry.window.rate(clockMs(this.clock)));
  }

  /** The progress of all registered files; `totalBytes` only once every size is known. */
  total(): TransferProgress {
    let bytes = 0;
    let totalBytes: number | undefined = 0;
    for (const entry of this.#entries.values()) {
      bytes += entry.bytes;
      totalBytes =
        totalBytes === undefined || entry.totalBytes === undefined
          ? undefined
          : totalBytes + entry.totalBytes;
    }
    return snapshot(bytes, totalBytes, this.#total.rate(clockMs(this.clock)));
  }

  #require(id: string): Entry {
    const entry = this.#entries.get(id);
    if (!entry) throw new Error(`ProgressTracker: unknown transfer "${id}"`);
    return entry;
  }
}

function snapshot(bytes: number, totalBytes: number | undefined, rate: number): TransferProgress {
  const progress: TransferProgress = { bytes, bytesPerSecond: Math.round(rate) };
  if (totalBytes !== undefined) {
    progress.totalBytes = totalBytes;
    if (rate > 0) progress.etaMs = Math.max(0, Math.round(((totalBytes - bytes) * 1000) / rate));
  }
  return progress;
}
