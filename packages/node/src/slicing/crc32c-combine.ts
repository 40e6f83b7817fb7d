/** CRC32C's polynomial, bit-reflected (Castagnoli). */
const POLYNOMIAL = 0x82f63b78;

/** The product of a 32×32 GF(2) matrix (32 column words) and a 32-bit vector. */
function times(matrix: Uint32Array, vector: number): number {
  let sum = 0;
  for (let i = 0; vector !== 0; i++, vector >>>= 1) {
    if (vector & 1) sum ^= matrix[i]!;
  }
  return sum >>> 0;
}

/** `square = matrix × matrix`. */
function square(target: Uint32Array, matrix: Uint32Array): void {
  for (let n = 0; n < 32; n++) target[n] = times(matrix, matrix[n]!);
}

/**
 * The CRC32C of two byte runs laid end to end, from the CRC32C of each and the length of the
 * second: what lets slices of one object be hashed apart, in parallel, and checked against the
 * whole object's checksum. The operator that appends `length2` zero bits is built by repeated
 * squaring (zlib's `crc32_combine`), so the cost grows with log2 of the length.
 *
 * @param crc1 - CRC32C of the first run (unsigned 32-bit).
 * @param crc2 - CRC32C of the second run.
 * @param length2 - Bytes in the second run.
 * @returns The CRC32C of both runs together.
 * @example
 * ```ts
 * combineCrc32c(crc32c(a), crc32c(b), b.length) === crc32c(Buffer.concat([a, b])); // true
 * ```
 */
export function combineCrc32c(crc1: number, crc2: number, length2: number): number {
  if (length2 <= 0) return crc1 >>> 0;
  const even = new Uint32Array(32);
  const odd = new Uint32Array(32);
  // The operator for one zero bit; squared, it appends 2, then 4 zero bits.
  odd[0] = POLYNOMIAL;
  for (let n = 1, row = 1; n < 32; n++, row <<= 1) odd[n] = row;
  square(even, odd);
  square(odd, even);
  let crc = crc1 >>> 0;
  let left = length2;
  // Each step squares the operator (8, 16, 32, … zero bits) and applies it where the
  // length has a one bit. Division, not shifts: lengths pass 2^32 for large objects.
  for (;;) {
    square(even, odd);
    if (left % 2 === 1) crc = times(even, crc);
    left = Math.floor(left / 2);
    if (left === 0) break;
    square(odd, even);
    if (left % 2 === 1) crc = times(odd, crc);
    left = Math.floor(left / 2);
    if (left === 0) break;
  }
  return (crc ^ crc2) >>> 0;
}
