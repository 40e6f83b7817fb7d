/**
 * Checksums announced by Cloud Storage for an object, base64-encoded as in `x-goog-hash`.
 *
 * @example
 * ```ts
 * const hashes: ObjectHashes = { crc32c: "yZRlqg==", md5: "XrY7u+Ae7tCTyyK7j1rNww==" };
 * ```
 */
export interface ObjectHashes {
  /** CRC32C of the whole object: 4 bytes, big-endian, base64. Always present on Cloud Storage. */
  crc32c?: string;
  /** MD5 of the whole object, base64. Absent on composite objects. */
  md5?: string;
}

/**
 * Parses Cloud Storage's `x-goog-hash` header (`crc32c=…, md5=…`), whether the values came as
 * one comma-joined header or as several headers.
 *
 * Unknown algorithms are ignored; a malformed value is ignored rather than trusted.
 *
 * @param header - The raw header value(s), or `undefined` when the response had none.
 * @returns The announced checksums (empty when none).
 * @example
 * ```ts
 * parseGoogHash("crc32c=yZRlqg==, md5=XrY7u+Ae7tCTyyK7j1rNww==");
 * // { crc32c: "yZRlqg==", md5: "XrY7u+Ae7tCTyyK7j1rNww==" }
 * ```
 */
export function parseGoogHash(header: string | readonly string[] | undefined | null): ObjectHashes {
  const result: ObjectHashes = {};
  if (header == null) return result;
  const parts = (typeof header === "string" ? [header] : header).flatMap((value) =>
    value.split(","),
  );
  for (const part of parts) {
    const eq = part.indexOf("=");
    if (eq < 0) continue;
    const algorithm = part.slice(0, eq).trim().toLowerCase();
    const value = part.slice(eq + 1).trim();
    if (algorithm === "crc32c" && isBase64OfLength(value, 4)) result.crc32c = value;
    if (algorithm === "md5" && isBase64OfLength(value, 16)) result.md5 = value;
  }
  return result;
}

function isBase64OfLength(value: string, bytes: number): boolean {
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value)) return false;
  return Buffer.from(value, "base64").length === bytes;
}

/**
 * A CRC32C value as `x-goog-hash` carries it: 4 bytes, big-endian, base64.
 *
 * @example
 * ```ts
 * crc32cBase64(0xc99465aa); // "yZRlqg=="
 * ```
 */
export function crc32cBase64(crc: number): string {
  const bytes = Buffer.alloc(4);
  bytes.writeUInt32BE(crc >>> 0);
  return bytes.toString("base64");
}
