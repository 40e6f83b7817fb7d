/**
 * A resolved `Range` request: inclusive byte offsets, or why it cannot be served.
 *
 * @example
 * ```ts
 * const range: ByteRange = parseByteRange("bytes=0-99", 1000);
 * ```
 */
export type ByteRange =
  | {
      /** Serve the whole object (200). */
      readonly kind: "full";
    }
  | {
      /** Serve bytes start..end (206). */
      readonly kind: "partial";
      /** First byte, inclusive. */
      readonly start: number;
      /** Last byte, inclusive. */
      readonly end: number;
    }
  | {
      /** Refuse with 416. */
      readonly kind: "unsatisfiable";
    };

/**
 * Resolves a `Range` header against an object size as Cloud Storage does: a single
 * `bytes=a-b`, `bytes=a-` or `bytes=-n` range gives 206; a start past the end gives 416; anything
 * else (no header, several ranges, malformed) is served whole.
 *
 * @example
 * ```ts
 * parseByteRange("bytes=100-", 1000); // { kind: "partial", start: 100, end: 999 }
 * parseByteRange("bytes=2000-", 1000); // { kind: "unsatisfiable" }
 * ```
 */
export function parseByteRange(header: string | null, size: number): ByteRange {
  if (header === null) return { kind: "full" };
  const m = /^\s*bytes\s*=\s*(\d*)\s*-\s*(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === "" && m[2] === "")) return { kind: "full" };
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return { kind: "unsatisfiable" };
    return { kind: "partial", start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  if (start >= size) return { kind: "unsatisfiable" };
  if (m[2] === "") return { kind: "partial", start, end: size - 1 };
  const end = Number(m[2]);
  if (end < start) return { kind: "full" };
  return { kind: "partial", start, end: Math.min(end, size - 1) };
}
