import type { IncomingMessage } from "node:http";
import type { DownloadContext } from "../download/download-context.js";
import { ArchiveDownloadError, type DownloadFailureReason } from "../errors.js";
import { drain, storageGet } from "./storage-request.js";

const RETRYABLE = new Set([408, 429, 500, 502, 503, 504]);
const STALE_URL = new Set([400, 401, 403]);
const MAX_REFRESHES_PER_REQUEST = 2;
const FRESH_URL_BUDGET_MS = 5 * 3_600_000;

/**
 * The requests of one archive file: keeps its signed URL fresh, retries transient failures
 * with backoff, and turns what cannot be cured into {@link ArchiveDownloadError}s.
 */
export class StorageRequester {
  #failures = 0;
  // Bytes received and time spent receiving them in this run, for the average rate.
  #received = 0;
  #receivingMs = 0;

  /**
   * @param remainingBytes - Bytes this requester still has to fetch, for the expiry estimate;
   *   by default the rest of the file.
   */
  constructor(
    private readonly ctx: DownloadContext,
    private readonly index: number,
    private readonly name: string,
    private readonly key: string,
    private readonly remainingBytes?: () => number | undefined,
  ) {}

  /** Records a transfer, for the estimate of how long the rest of the file will take. */
  recordTransfer(bytes: number, ms: number): void {
    this.#received += bytes;
    this.#receivingMs += ms;
  }

  /**
   * Sends one GET, refreshing the signed URL when it has expired (or is about to) and retrying
   * transient failures; resolves with a 200, 206 or 416 response.
   */
  async open(start: number, end?: number): Promise<IncomingMessage> {
    const { ctx } = this;
    let refreshes = 0;
    for (;;) {
      ctx.signal.throwIfAborted();
      const url = ctx.urls.get(this.index);
      const expiresAt = ctx.urls.expiresAt(this.index)?.getTime();
      const now = ctx.clock.now();
      if (expiresAt !== undefined && expiresAt - this.#timeNeeded() <= now) {
        if (ctx.urls.canRefresh && refreshes < MAX_REFRESHES_PER_REQUEST) {
          refreshes++;
          await this.#refresh(url);
          continue;
        }
        if (expiresAt <= now) throw this.error("url-expired", "the signed URL has expired");
      }
      let response: IncomingMessage;
      try {
        response = await storageGet(new URL(url), {
          start,
          end,
          signal: ctx.signal,
          agents: ctx.agents,
          idleTimeoutMs: ctx.idleTimeoutMs,
          userAgent: ctx.userAgent,
        });
      } catch (error) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        await this.failed(reasonOf(error), start, 0);
        continue;
      }
      const status = response.statusCode ?? 0;
      if (status === 200 || status === 206 || status === 416) return response;
      await drain(response);
      if (STALE_URL.has(status)) {
        if (ctx.urls.canRefresh && refreshes < MAX_REFRESHES_PER_REQUEST) {
          refreshes++;
          await this.#refresh(url);
          continue;
        }
        const expired = expiresAt !== undefined && expiresAt <= ctx.clock.now();
        throw this.error(
          expired || ctx.urls.canRefresh ? "url-expired" : "http-status",
          `storage answered HTTP ${status}${ctx.urls.canRefresh ? " even with fresh URLs" : "; pass a client and job ID so expired URLs can be refreshed"}`,
          status,
        );
      }
      if (!RETRYABLE.has(status)) {
        throw this.error("http-status", `storage answered HTTP ${status}`, status);
      }
      const retryAfter = numberHeader(response.headers["retry-after"]);
      await this.failed(`HTTP ${status}`, start, 0, retryAfter, status);
    }
  }

  /**
   * How long the URL must stay valid for this request: the margin, or the estimated time to
   * finish at this run's average rate when longer (capped below a fresh URL's 6 hours, so
   * refreshing always helps).
   */
  #timeNeeded(): number {
    const left = this.remainingBytes ? this.remainingBytes() : this.#fileRemaining();
    const estimate =
      left !== undefined && this.#received > 0 && this.#receivingMs > 0
        ? (left * this.#receivingMs) / this.#received
        : 0;
    return Math.max(this.ctx.expiryMarginMs, Math.min(estimate, FRESH_URL_BUDGET_MS));
  }

  #fileRemaining(): number | undefined {
    const { bytes, totalBytes } = this.ctx.tracker.file(this.name);
    return totalBytes === undefined ? undefined : totalBytes - bytes;
  }

  async #refresh(staleUrl: string): Promise<void> {
    try {
      await this.ctx.urls.refresh(this.index, staleUrl, this.ctx.signal);
    } catch (error) {
      if (this.ctx.signal.aborted) throw this.ctx.signal.reason;
      throw this.error(
        "url-expired",
        `could not refresh the signed URLs: ${reasonOf(error)}`,
        undefined,
        error,
      );
    }
  }

  /**
   * Counts a failed attempt (reset by any byte received since the last one), reports a `retry`
   * event and waits, or throws when out of retries.
   */
  async failed(
    reason: string,
    offset: number,
    progressed: number,
    retryAfterS?: number,
    status?: number,
  ) {
    if (progressed > 0) this.#failures = 0;
    this.#failures++;
    if (this.#failures > this.ctx.retries) {
      throw this.error(
        status === undefined ? "network" : "http-status",
        `gave up after ${this.ctx.retries} retries: ${reason}`,
        status,
      );
    }
    const backoff = Math.min(30_000, this.ctx.retryDelayMs * 2 ** (this.#failures - 1));
    const delayMs =
      retryAfterS !== undefined
        ? retryAfterS * 1000
        : Math.round(backoff * (0.8 + Math.random() * 0.4));
    this.ctx.emit({
      type: "retry",
      file: this.name,
      attempt: this.#failures,
      delayMs,
      offset,
      reason,
    });
    await this.ctx.clock.sleep(delayMs, this.ctx.signal);
  }

  /** An {@link ArchiveDownloadError} about this file. */
  error(
    reason: DownloadFailureReason,
    message: string,
    httpStatus?: number,
    cause?: unknown,
  ): ArchiveDownloadError {
    return new ArchiveDownloadError(
      { fileName: this.name, url: this.key, reason, httpStatus },
      message,
      cause === undefined ? undefined : { cause },
    );
  }
}

/** A numeric header value, if it is one. */
export function numberHeader(value: string | string[] | undefined): number | undefined {
  const text = Array.isArray(value) ? value[0] : value;
  if (text === undefined || !/^\d+$/.test(text.trim())) return undefined;
  return Number(text);
}

/** What went wrong, in words that never contain a URL query. */
export function reasonOf(error: unknown): string {
  const err = error as NodeJS.ErrnoException;
  const text = err?.code ? `${err.code} ${err.message}` : String(err?.message ?? error);
  // Error messages of the HTTP stack may quote the URL; never let a signature through.
  return text.replace(/\?[^\s"']*/g, "?[redacted]");
}
