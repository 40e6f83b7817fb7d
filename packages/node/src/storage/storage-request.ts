import http, { type IncomingHttpHeaders, type IncomingMessage } from "node:http";
import https from "node:https";
import { InvalidArgumentError } from "@dataportability/core";
import { isLoopbackHost } from "@dataportability/core/internal";
import { parseGoogHash } from "./goog-hash.js";

/**
 * Checks that a signed URL can be fetched safely: `https:`, or `http:` on a loopback host
 * (local emulators). Throws {@link InvalidArgumentError} naming the field otherwise.
 */
export function assertDownloadableUrl(url: string, field: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidArgumentError(field, "is not a URL", "an https:// signed archive URL");
  }
  const loopbackHttp = parsed.protocol === "http:" && isLoopbackHost(parsed.hostname);
  if (parsed.protocol !== "https:" && !loopbackHttp) {
    throw new InvalidArgumentError(
      field,
      `uses ${parsed.protocol} on ${parsed.hostname}`,
      "an https:// URL (http:// only on a loopback host: 127.x.x.x, ::1 or localhost)",
    );
  }
  return parsed;
}

/** The URL without query or fragment: the only form of a signed URL that may be kept or shown. */
export function redactUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return "[invalid url]";
  }
}

/** `bytes start-end/total` or `bytes *\/total`, as numbers. */
export function parseContentRange(
  header: string | undefined,
): { start?: number; end?: number; total?: number } | undefined {
  const match = /^bytes\s+(?:(\d+)-(\d+)|\*)\/(\d+|\*)$/i.exec(header?.trim() ?? "");
  if (!match) return undefined;
  const [, start, end, total] = match;
  const range: { start?: number; end?: number; total?: number } = {};
  if (start !== undefined && end !== undefined) {
    range.start = Number(start);
    range.end = Number(end);
  }
  if (total !== undefined && total !== "*") range.total = Number(total);
  return range;
}

const HTML_TYPES = new Set(["text/html", "application/xhtml+xml"]);

/**
 * Why an answer of the storage server cannot be the archive, or `undefined` when it can: Cloud
 * Storage always announces the object's size (`Content-Length` on a 200, `Content-Range` on a
 * 206) and its CRC32C in `x-goog-hash`, and never serves an archive as HTML. A captive portal
 * or a proxy answering in its place usually fails all three.
 *
 * @param status - The HTTP status (200 or 206).
 * @param headers - The response headers.
 * @returns What is wrong, in words for an error message.
 */
export function notAnArchive(status: number, headers: IncomingHttpHeaders): string | undefined {
  const problems: string[] = [];
  const type = headers["content-type"]?.split(";")[0]?.trim().toLowerCase();
  if (type && HTML_TYPES.has(type)) problems.push(`an HTML page (${type})`);
  const size =
    status === 206
      ? parseContentRange(headers["content-range"])?.total
      : /^\d+$/.test(headers["content-length"]?.trim() ?? "")
        ? Number(headers["content-length"])
        : undefined;
  if (size === undefined) {
    problems.push(status === 206 ? "no size in Content-Range" : "no Content-Length");
  }
  const hashes = parseGoogHash(headers["x-goog-hash"]);
  if (!hashes.crc32c && !hashes.md5) problems.push("no checksum in x-goog-hash");
  return problems.length > 0 ? problems.join(", ") : undefined;
}

/** Options of {@link storageGet}. */
export interface StorageGetOptions {
  /** First byte wanted; sends `Range: bytes=<start>-` when above 0. */
  start?: number;
  /** Last byte wanted (inclusive), for probes. */
  end?: number;
  signal?: AbortSignal;
  /** Connection-level keep-alive agents, one per protocol. */
  agents?: { http: http.Agent; https: https.Agent };
  /** Abort when no byte arrives for this long (real time). */
  idleTimeoutMs?: number;
  userAgent?: string;
}

/**
 * GETs a signed storage URL with Node's HTTP stack and resolves with the response head; the
 * body is left to stream. Only `Range`, `Accept-Encoding: identity` and `User-Agent` are sent:
 * never `Authorization` or cookies, and redirects are not followed.
 */
export function storageGet(url: URL, options: StorageGetOptions = {}): Promise<IncomingMessage> {
  const headers: Record<string, string> = {
    "accept-encoding": "identity",
    "user-agent": options.userAgent ?? "dataportability-node",
  };
  const start = options.start ?? 0;
  if (start > 0 || options.end !== undefined) {
    headers["range"] = `bytes=${start}-${options.end ?? ""}`;
  }
  const secure = url.protocol === "https:";
  const transport = secure ? https : http;
  const agent = secure ? options.agents?.https : options.agents?.http;
  return new Promise((resolve, reject) => {
    const request = transport.get(url, { headers, agent, signal: options.signal }, (response) => {
      if (options.idleTimeoutMs) {
        response.setTimeout(options.idleTimeoutMs, () => {
          response.destroy(new Error(`no data for ${options.idleTimeoutMs} ms`));
        });
      }
      resolve(response);
    });
    if (options.idleTimeoutMs) {
      request.setTimeout(options.idleTimeoutMs, () => {
        request.destroy(new Error(`no response for ${options.idleTimeoutMs} ms`));
      });
    }
    request.on("error", reject);
  });
}

/** Reads and discards a response body (so the connection can be reused), ignoring errors. */
export async function drain(response: IncomingMessage): Promise<void> {
  try {
    for await (const _ of response) {
      // discard
    }
  } catch {
    // the body of an error answer is irrelevant
  }
}
