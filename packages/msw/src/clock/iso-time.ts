/** Length of an ISO 8601 UTC timestamp with milliseconds, such as `2026-01-02T03:04:05.678Z`. */
export const ISO_TIME_LENGTH = 24;

const ZERO = 0x30;

function digits(out: Uint8Array, at: number, value: number, width: number): void {
  let v = value;
  for (let i = width - 1; i >= 0; i--) {
    out[at + i] = ZERO + (v % 10);
    v = Math.floor(v / 10);
  }
}

/** Milliseconds in a day. */
export const DAY_MS = 86_400_000;

/**
 * Writes the ISO 8601 UTC timestamp of `msOfDay` milliseconds into day `day` (days since
 * 1970-01-01) as ASCII bytes at `out[at…at+24)`, exactly as `Date.prototype.toISOString` writes
 * it, without allocating: millions of records get a timestamp each. The time comes split in two
 * small integers because a whole millisecond count of today does not fit V8's small integers and
 * would be boxed on every call. Years outside 0000–9999 (which `toISOString` writes with a sign
 * and six digits) are written as `toISOString` has them.
 *
 * @example
 * ```ts
 * const out = new Uint8Array(ISO_TIME_LENGTH);
 * const ms = Date.UTC(2026, 0, 2, 3, 4, 5, 678);
 * const day = Math.floor(ms / DAY_MS);
 * writeIsoTime(day, ms - day * DAY_MS, out, 0);
 * new TextDecoder().decode(out); // "2026-01-02T03:04:05.678Z"
 * ```
 */
export function writeIsoTime(day: number, msOfDay: number, out: Uint8Array, at: number): void {
  // Civil date from days since 1970-01-01 (H. Hinnant's civil_from_days).
  const z = day + 719_468;
  const era = Math.floor(z / 146_097);
  const doe = z - era * 146_097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1_460) + Math.floor(doe / 36_524) - Math.floor(doe / 146_096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const dayOfMonth = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  if (!(year >= 0 && year <= 9999)) {
    const text = new Date(day * DAY_MS + msOfDay).toISOString(); // throws RangeError for NaN
    for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
    return;
  }
  digits(out, at, year, 4);
  out[at + 4] = 0x2d; // -
  digits(out, at + 5, month, 2);
  out[at + 7] = 0x2d;
  digits(out, at + 8, dayOfMonth, 2);
  out[at + 10] = 0x54; // T
  digits(out, at + 11, Math.floor(msOfDay / 3_600_000), 2);
  out[at + 13] = 0x3a; // :
  digits(out, at + 14, Math.floor(msOfDay / 60_000) % 60, 2);
  out[at + 16] = 0x3a;
  digits(out, at + 17, Math.floor(msOfDay / 1_000) % 60, 2);
  out[at + 19] = 0x2e; // .
  digits(out, at + 20, msOfDay % 1_000, 3);
  out[at + 23] = 0x5a; // Z
}
