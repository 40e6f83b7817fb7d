import { formatBytes, formatDuration, progressBar } from "./format.js";
import type { Output } from "./output.js";

/**
 * Progress of one transfer as the downloader reports it.
 *
 * @example
 * ```ts
 * const p: TransferSnapshot = { bytes: 1024, totalBytes: 4096, bytesPerSecond: 512 };
 * ```
 */
export interface TransferSnapshot {
  bytes: number;
  totalBytes?: number | undefined;
  bytesPerSecond: number;
  etaMs?: number | undefined;
}

/**
 * Download progress: on a terminal one bar per archive and a total line, redrawn in place
 * (at most ten times a second); elsewhere one line per finished archive.
 *
 * @example
 * ```ts
 * const view = new DownloadView(out);
 * view.fileProgress("archive-1.zip", { bytes: 10, totalBytes: 100, bytesPerSecond: 5 }, total);
 * view.fileDone("archive-1.zip", 100, "downloaded");
 * view.stop();
 * ```
 */
export class DownloadView {
  readonly #files = new Map<string, { progress: TransferSnapshot; status?: string }>();
  #total: TransferSnapshot = { bytes: 0, bytesPerSecond: 0 };
  #lastDraw = 0;

  constructor(private readonly out: Output) {}

  /** A transfer started (or resumed at `offset`). */
  fileStart(file: string, offset: number): void {
    this.#files.set(file, { progress: { bytes: offset, bytesPerSecond: 0 } });
    if (!this.out.live && offset > 0) {
      this.out.note(`Resuming ${file} at ${formatBytes(offset)}`);
    }
    this.#draw(true);
  }

  /** Bytes arrived. */
  fileProgress(file: string, progress: TransferSnapshot, total: TransferSnapshot): void {
    const entry = this.#files.get(file) ?? { progress };
    entry.progress = progress;
    this.#files.set(file, entry);
    this.#total = total;
    this.#draw(false);
  }

  /** A note about a file, e.g. a retry. */
  fileNote(file: string, text: string): void {
    this.out.note(`${file}: ${text}`);
  }

  /** A transfer finished (`downloaded`, `already complete`, ...). */
  fileDone(file: string, bytes: number, status: string): void {
    this.#files.set(file, { progress: { bytes, totalBytes: bytes, bytesPerSecond: 0 }, status });
    if (!this.out.live)
      this.out.note(
        `${status === "already complete" ? "Kept" : "Downloaded"} ${file} (${formatBytes(bytes)}, ${status})`,
      );
    this.#draw(true);
  }

  /** Removes the bars. */
  stop(): void {
    this.out.clearLive();
  }

  #draw(force: boolean): void {
    if (!this.out.live) return;
    const now = Date.now();
    if (!force && now - this.#lastDraw < 100) return;
    this.#lastDraw = now;
    const { ce } = this.out;
    const nameWidth = Math.min(32, Math.max(8, ...[...this.#files.keys()].map((n) => n.length)));
    const barWidth = Math.max(10, Math.min(30, this.out.columns - nameWidth - 45));
    const lines = [...this.#files].map(([name, { progress, status }]) => {
      const fraction = progress.totalBytes ? progress.bytes / progress.totalBytes : 0;
      const size = progress.totalBytes
        ? `${formatBytes(progress.bytes)} / ${formatBytes(progress.totalBytes)}`
        : formatBytes(progress.bytes);
      const tail = status
        ? ce.green(`✓ ${status}`)
        : [
            progress.bytesPerSecond > 0 ? `${formatBytes(progress.bytesPerSecond)}/s` : "",
            progress.etaMs !== undefined ? `ETA ${formatDuration(progress.etaMs)}` : "",
          ]
            .filter(Boolean)
            .join("  ");
      const label =
        name.length > nameWidth ? `${name.slice(0, nameWidth - 1)}…` : name.padEnd(nameWidth);
      return `  ${label}  ${ce.cyan(progressBar(status ? 1 : fraction, barWidth))}  ${size}  ${tail}`;
    });
    if (this.#files.size > 1) {
      const t = this.#total;
      lines.push(
        ce.dim(
          `  total ${formatBytes(t.bytes)}${t.totalBytes ? ` / ${formatBytes(t.totalBytes)}` : ""}`,
        ),
      );
    }
    this.out.setLive(lines);
  }
}
