import type { RequestArea } from "./request-area.js";

/**
 * One request the emulator answered. URLs have their secrets redacted; headers are not kept.
 *
 * @example
 * ```ts
 * const downloads: RequestLogEntry[] = emulator.requests.filter((r) => r.area === "storage");
 * ```
 */
export interface RequestLogEntry {
  /** Virtual time of the request. */
  readonly at: Date;
  /** HTTP method. */
  readonly method: string;
  /** The URL with signatures, credentials, codes and tokens replaced by `REDACTED`. */
  readonly url: string;
  /** The part of the emulator hit. */
  readonly area: RequestArea;
  /** Operation ID for API calls; `download`, `authorize`, `token`, `revoke`, `tokeninfo` otherwise. */
  readonly operation: string;
  /** HTTP status of the answer. */
  readonly status: number;
  /** Whether the request carried an `Authorization` header. */
  readonly authorization: boolean;
  /** Its `Range` header, if any. */
  readonly range?: string;
  /** For a download a `corrupt-bytes` fault hit: the object offset of the byte it flipped. */
  readonly corruptedByte?: number;
}

const SECRET_PARAMS = [
  "X-Goog-Signature",
  "X-Goog-Credential",
  "access_token",
  "token",
  "code",
  "refresh_token",
  "code_verifier",
];

/**
 * A URL with every secret query value replaced by `REDACTED`.
 *
 * @example
 * ```ts
 * redactUrl("https://storage.googleapis.com/b/o?X-Goog-Signature=abc"); // "…X-Goog-Signature=REDACTED"
 * ```
 */
export function redactUrl(href: string): string {
  const url = new URL(href);
  for (const name of SECRET_PARAMS) {
    if (url.searchParams.has(name)) url.searchParams.set(name, "REDACTED");
  }
  return url.href;
}

/**
 * The most recent requests, bounded so long runs stay small.
 *
 * @example
 * ```ts
 * const log = new RequestLog(1000);
 * log.entries.filter((e) => e.area === "storage");
 * ```
 */
export class RequestLog {
  readonly #limit: number;
  #entries: RequestLogEntry[] = [];

  constructor(limit: number) {
    this.#limit = limit;
  }

  /**
   * Records an entry, dropping the oldest past the limit.
   *
   * @example
   * ```ts
   * log.add(entry);
   * ```
   */
  add(entry: RequestLogEntry): void {
    this.#entries.push(entry);
    if (this.#entries.length > this.#limit)
      this.#entries.splice(0, this.#entries.length - this.#limit);
  }

  /**
   * The recorded requests, oldest first.
   *
   * @example
   * ```ts
   * log.entries.length;
   * ```
   */
  get entries(): readonly RequestLogEntry[] {
    return this.#entries;
  }

  /**
   * Forgets every entry.
   *
   * @example
   * ```ts
   * log.clear();
   * ```
   */
  clear(): void {
    this.#entries = [];
  }
}
