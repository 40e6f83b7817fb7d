import { createHash, type Hash } from "node:crypto";
import { crc32c } from "../commonjs-deps.js";
import { crc32cBase64, type ObjectHashes } from "../storage/goog-hash.js";

/**
 * Incremental CRC32C + MD5 (+ optional SHA-256) over a byte stream, in the encodings Cloud
 * Storage uses in `x-goog-hash`, so a download is checked without buffering the file.
 *
 * @example
 * ```ts
 * const hasher = new ArchiveHasher();
 * hasher.update(Buffer.from("hello "));
 * hasher.update(Buffer.from("world"));
 * hasher.digest(); // { crc32c: "yZRlqg==", md5: "XrY7u+Ae7tCTyyK7j1rNww==", bytes: 11 }
 * ```
 */
export class ArchiveHasher {
  #crc = 0;
  #bytes = 0;
  #md5: Hash | undefined;
  readonly #sha256: Hash | undefined;

  /**
   * @param options - `md5: false` skips MD5 (e.g. composite objects announce only CRC32C);
   *   `sha256: true` adds a hex SHA-256 to the digest.
   */
  constructor(options: { md5?: boolean; sha256?: boolean } = {}) {
    this.#md5 = options.md5 === false ? undefined : createHash("md5");
    this.#sha256 = options.sha256 ? createHash("sha256") : undefined;
  }

  /** Whether MD5 is being computed. */
  get hasMd5(): boolean {
    return this.#md5 !== undefined;
  }

  /** Starts computing MD5 too; only possible before the first byte. */
  enableMd5(): void {
    if (this.#bytes > 0) throw new Error("ArchiveHasher: MD5 must be enabled before hashing");
    this.#md5 ??= createHash("md5");
  }

  /** The CRC32C of the bytes so far, as an unsigned 32-bit number. */
  get crc32cValue(): number {
    return this.#crc >>> 0;
  }

  /** Bytes hashed so far. */
  get bytes(): number {
    return this.#bytes;
  }

  /** Feeds the next chunk. */
  update(chunk: Uint8Array): void {
    this.#crc = crc32c(chunk, this.#crc);
    this.#md5?.update(chunk);
    this.#sha256?.update(chunk);
    this.#bytes += chunk.byteLength;
  }

  /** Finishes hashing; call once. */
  digest(): ObjectHashes & {
    /** Bytes hashed in total. */
    bytes: number;
    /** SHA-256 of the bytes, hex; only with `sha256: true`. */
    sha256?: string;
  } {
    const result: ObjectHashes & { bytes: number; sha256?: string } = {
      crc32c: crc32cBase64(this.#crc),
      bytes: this.#bytes,
    };
    if (this.#md5) result.md5 = this.#md5.digest("base64");
    if (this.#sha256) result.sha256 = this.#sha256.digest("hex");
    return result;
  }
}
