import { hmac } from "@noble/hashes/hmac";
import { sha256 } from "@noble/hashes/sha2";
import { bytesToHex, utf8ToBytes } from "@noble/hashes/utils";
import type { StorageError } from "./storage-error.js";

/**
 * The lifetime of the signed URLs the API hands out: 6 hours.
 *
 * @example
 * ```ts
 * new URL(url).searchParams.get("X-Goog-Expires") === String(SIGNED_URL_TTL_SECONDS); // true
 * ```
 */
export const SIGNED_URL_TTL_SECONDS = 21_600;
const ALGORITHM = "GOOG4-HMAC-SHA256";
const MAX_EXPIRES = 604_800;

/** Why a signed URL was refused, or `undefined` fields when it is valid. */
export type SignedUrlCheck =
  | { readonly ok: true; readonly signedAtMs: number; readonly expiresAtMs: number }
  | { readonly ok: false; readonly error: StorageError };

function rfc3986(text: string): string {
  return encodeURIComponent(text).replace(
    /[!'()*]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function stamp(ms: number): string {
  return new Date(ms)
    .toISOString()
    .replace(/[-:]/g, "")
    .replace(/\.\d{3}/, "");
}

function parseStamp(text: string): number | undefined {
  const m = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(text);
  if (!m) return undefined;
  return Date.UTC(+m[1]!, +m[2]! - 1, +m[3]!, +m[4]!, +m[5]!, +m[6]!);
}

/**
 * Signs and checks V4-style Cloud Storage URLs (`X-Goog-Algorithm=GOOG4-HMAC-SHA256`,
 * `X-Goog-Credential`, `X-Goog-Date`, `X-Goog-Expires`, `X-Goog-SignedHeaders=host`,
 * `X-Goog-Signature`) with an HMAC key derived from the emulator's seed.
 *
 * @example
 * ```ts
 * const signer = new UrlSigner("GOOG1EXAMPLE", "secret");
 * const url = signer.sign("https://storage.googleapis.com/bucket/object.zip", Date.now());
 * signer.verify(new URL(url), "GET", Date.now()).ok; // true
 * ```
 */
export class UrlSigner {
  readonly #accessId: string;
  readonly #secret: string;

  constructor(accessId: string, secret: string) {
    this.#accessId = accessId;
    this.#secret = secret;
  }

  /**
   * A signed GET URL for `objectUrl`, dated `nowMs`, valid `expiresSeconds` (default 6 hours).
   *
   * @example
   * ```ts
   * signer.sign("https://storage.googleapis.com/b/o.zip", Date.now()).includes("X-Goog-Expires=21600"); // true
   * ```
   */
  sign(objectUrl: string, nowMs: number, expiresSeconds: number = SIGNED_URL_TTL_SECONDS): string {
    const url = new URL(objectUrl);
    const date = stamp(nowMs);
    url.search = "";
    const params: Record<string, string> = {
      "X-Goog-Algorithm": ALGORITHM,
      "X-Goog-Credential": `${this.#accessId}/${date.slice(0, 8)}/auto/storage/goog4_request`,
      "X-Goog-Date": date,
      "X-Goog-Expires": String(expiresSeconds),
      "X-Goog-SignedHeaders": "host",
    };
    const query = canonicalQuery(params);
    const signature = this.#signature("GET", url, query, date);
    return `${url.origin}${url.pathname}?${query}&X-Goog-Signature=${signature}`;
  }

  /**
   * Checks a signed URL as Cloud Storage would: malformed → 400, tampered → 403
   * `SignatureDoesNotMatch`, past `X-Goog-Date + X-Goog-Expires` → 400 `ExpiredToken`.
   *
   * @example
   * ```ts
   * const check = signer.verify(new URL(url), "GET", Date.now() + 7 * 3600_000);
   * check.ok || check.error.code; // "ExpiredToken"
   * ```
   */
  verify(url: URL, method: string, nowMs: number): SignedUrlCheck {
    const q = url.searchParams;
    const invalid = (details: string): SignedUrlCheck => ({
      ok: false,
      error: { status: 400, code: "InvalidArgument", message: "Invalid argument.", details },
    });
    const names = [
      "X-Goog-Algorithm",
      "X-Goog-Credential",
      "X-Goog-Date",
      "X-Goog-Expires",
      "X-Goog-SignedHeaders",
    ];
    for (const name of names) {
      if (!q.has(name)) return invalid(`Missing ${name} parameter in the signed URL.`);
    }
    if (q.get("X-Goog-Algorithm") !== ALGORITHM) {
      return invalid(`Unsupported X-Goog-Algorithm: ${q.get("X-Goog-Algorithm")}.`);
    }
    const date = q.get("X-Goog-Date")!;
    const signedAtMs = parseStamp(date);
    if (signedAtMs === undefined) return invalid(`Invalid X-Goog-Date: ${date}.`);
    const expires = Number(q.get("X-Goog-Expires"));
    if (!Number.isInteger(expires) || expires < 1 || expires > MAX_EXPIRES) {
      return invalid(`X-Goog-Expires must be an integer between 1 and ${MAX_EXPIRES}.`);
    }
    const params: Record<string, string> = {};
    for (const [name, value] of q) if (name !== "X-Goog-Signature") params[name] = value;
    const query = canonicalQuery(params);
    const expected = this.#signature(method.toUpperCase(), url, query, date);
    if (!constantTimeEqual(expected, q.get("X-Goog-Signature") ?? "")) {
      return {
        ok: false,
        error: {
          status: 403,
          code: "SignatureDoesNotMatch",
          message: "Access denied.",
          details:
            "The request signature we calculated does not match the signature you provided. Check your Google secret key and signing method.",
          extra: { StringToSign: this.#stringToSign(method.toUpperCase(), url, query, date) },
        },
      };
    }
    const expiresAtMs = signedAtMs + expires * 1000;
    if (nowMs > expiresAtMs) return expired(expiresAtMs);
    return { ok: true, signedAtMs, expiresAtMs };
  }

  #stringToSign(method: string, url: URL, query: string, date: string): string {
    const canonicalRequest = [
      method,
      url.pathname,
      query,
      `host:${url.host}`,
      "",
      "host",
      "UNSIGNED-PAYLOAD",
    ].join("\n");
    return [
      ALGORITHM,
      date,
      `${date.slice(0, 8)}/auto/storage/goog4_request`,
      bytesToHex(sha256(utf8ToBytes(canonicalRequest))),
    ].join("\n");
  }

  #signature(method: string, url: URL, query: string, date: string): string {
    let key = hmac(sha256, utf8ToBytes(`GOOG4${this.#secret}`), utf8ToBytes(date.slice(0, 8)));
    for (const part of ["auto", "storage", "goog4_request"])
      key = hmac(sha256, key, utf8ToBytes(part));
    return bytesToHex(hmac(sha256, key, utf8ToBytes(this.#stringToSign(method, url, query, date))));
  }
}

/**
 * The refusal Cloud Storage sends for a signed URL past its expiry.
 *
 * @example
 * ```ts
 * expired(Date.now()).ok; // false
 * ```
 */
export function expired(expiresAtMs: number): SignedUrlCheck {
  return {
    ok: false,
    error: {
      status: 400,
      code: "ExpiredToken",
      message: "Invalid argument.",
      details: `Request has expired: ${Math.floor(expiresAtMs / 1000)}`,
    },
  };
}

function canonicalQuery(params: Readonly<Record<string, string>>): string {
  return Object.keys(params)
    .sort()
    .map((name) => `${rfc3986(name)}=${rfc3986(params[name]!)}`)
    .join("&");
}

function constantTimeEqual(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  let diff = 0;
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i);
  return diff === 0;
}
