/** An incremental CRC: feed bytes with `update`, read the result with `digest`. */
export interface Crc {
  update(bytes: Uint8Array): void;
  /**
   * Continues as if `length` bytes whose own CRC is `crc` had been fed, without the bytes: lets a
   * part computed earlier (or elsewhere) join the running CRC in O(log length).
   */
  append(crc: number, length: number): void;
  /** The CRC of everything fed so far, as an unsigned 32-bit number. */
  digest(): number;
}

function makeTables(polynomial: number): Uint32Array {
  const tables = new Uint32Array(8 * 256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? polynomial ^ (c >>> 1) : c >>> 1;
    tables[n] = c >>> 0;
  }
  for (let n = 0; n < 256; n++) {
    let c = tables[n]!;
    for (let t = 1; t < 8; t++) {
      c = tables[c & 0xff]! ^ (c >>> 8);
      tables[t * 256 + n] = c >>> 0;
    }
  }
  return tables;
}

// Slicing-by-8 keeps the CRC cheap next to content generation, even for multi-GB archives.
function update(t: Uint32Array, crc: number, bytes: Uint8Array): number {
  let c = crc;
  let i = 0;
  const end8 = bytes.length - (bytes.length % 8);
  for (; i < end8; i += 8) {
    const a =
      (c ^ (bytes[i]! | (bytes[i + 1]! << 8) | (bytes[i + 2]! << 16) | (bytes[i + 3]! << 24))) >>>
      0;
    c =
      t[1792 + (a & 0xff)]! ^
      t[1536 + ((a >>> 8) & 0xff)]! ^
      t[1280 + ((a >>> 16) & 0xff)]! ^
      t[1024 + (a >>> 24)]! ^
      t[768 + bytes[i + 4]!]! ^
      t[512 + bytes[i + 5]!]! ^
      t[256 + bytes[i + 6]!]! ^
      t[bytes[i + 7]!]!;
  }
  for (; i < bytes.length; i++) c = t[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return c;
}

// a(x) · b(x) modulo the polynomial, in the reflected bit order CRCs use (as zlib's multmodp).
function multModP(polynomial: number, a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  let x = b;
  while (m !== 0 && (a & (m | (m - 1))) !== 0) {
    if (a & m) p ^= x;
    m >>>= 1;
    x = x & 1 ? (x >>> 1) ^ polynomial : x >>> 1;
  }
  return p >>> 0;
}

interface Polynomial {
  readonly value: number;
  readonly tables: Uint32Array;
  /** x^(2^k) modulo the polynomial, for k = 0…63: enough for any length below 2^60 bytes. */
  readonly powers: Uint32Array;
}

function makePolynomial(value: number): Polynomial {
  const powers = new Uint32Array(64);
  powers[0] = 0x40000000; // x^1
  for (let k = 1; k < 64; k++) powers[k] = multModP(value, powers[k - 1]!, powers[k - 1]!);
  return { value, tables: makeTables(value), powers };
}

// CRC(A ‖ B) from CRC(A), CRC(B) and B's length: CRC(A) · x^(8·|B|) ⊕ CRC(B), as zlib's crc32_combine.
function combine(poly: Polynomial, crcA: number, crcB: number, lengthB: number): number {
  let shift = 0x80000000; // x^0
  let n = lengthB;
  for (let k = 3; n > 0; k++, n = Math.floor(n / 2)) {
    if (n % 2 === 1) shift = multModP(poly.value, poly.powers[k]!, shift);
  }
  return (multModP(poly.value, shift, crcA) ^ crcB) >>> 0;
}

let crc32Polynomial: Polynomial | undefined;
let crc32cPolynomial: Polynomial | undefined;

function createCrc(poly: Polynomial): Crc {
  let c = 0xffffffff;
  return {
    update(bytes) {
      c = update(poly.tables, c, bytes);
    },
    append(crc, length) {
      c = combine(poly, (c ^ 0xffffffff) >>> 0, crc >>> 0, length) ^ 0xffffffff;
    },
    digest() {
      return (c ^ 0xffffffff) >>> 0;
    },
  };
}

/**
 * CRC-32 (IEEE, as zip archives store it), incremental.
 *
 * @example
 * ```ts
 * const crc = createCrc32();
 * crc.update(new TextEncoder().encode("123456789"));
 * crc.digest().toString(16); // "cbf43926"
 * ```
 */
export function createCrc32(): Crc {
  crc32Polynomial ??= makePolynomial(0xedb88320);
  return createCrc(crc32Polynomial);
}

/**
 * CRC-32C (Castagnoli, as Cloud Storage reports in `x-goog-hash`), incremental.
 *
 * @example
 * ```ts
 * const crc = createCrc32c();
 * crc.update(new TextEncoder().encode("123456789"));
 * crc.digest().toString(16); // "e3069283"
 * ```
 */
export function createCrc32c(): Crc {
  crc32cPolynomial ??= makePolynomial(0x82f63b78);
  return createCrc(crc32cPolynomial);
}

/**
 * A 32-bit number as 4 big-endian bytes in base64, the form `x-goog-hash: crc32c=` uses.
 *
 * @example
 * ```ts
 * crc32cToBase64(0xe3069283); // "4waSgw=="
 * ```
 */
export function crc32cToBase64(value: number): string {
  return bytesToBase64(
    new Uint8Array([
      (value >>> 24) & 0xff,
      (value >>> 16) & 0xff,
      (value >>> 8) & 0xff,
      value & 0xff,
    ]),
  );
}

/**
 * Base64 of bytes, without Node's Buffer so it runs in browsers too.
 *
 * @example
 * ```ts
 * bytesToBase64(new Uint8Array([1, 2, 3])); // "AQID"
 * ```
 */
export function bytesToBase64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i++) binary += String.fromCharCode(bytes[i]!);
  return btoa(binary);
}
