/** Length of an ISO 8601 UTC timestamp with milliseconds, such as `2026-01-02T03:04:05.678Z`. */
export const ISO_TIME_LENGTH = 24;

const ZERO = 0x30;

/** "00" to "99" as ASCII pairs: two digits per lookup instead of two divisions. */
const PAIRS = new Uint8Array(200);
for (let i = 0; i < 100; i++) {
  PAIRS[2 * i] = ZERO + Math.floor(i / 10);
  PAIRS[2 * i + 1] = ZERO + (i % 10);
}

function pair(out: Uint8Array, at: number, value: number): void {
  out[at] = PAIRS[2 * value]!;
  out[at + 1] = PAIRS[2 * value + 1]!;
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
  // Records written one after another mostly share their day: its date is kept.
  if (day !== lastDay && !rememberDate(day)) {
    const text = new Date(day * DAY_MS + msOfDay).toISOString(); // throws RangeError for NaN
    for (let i = 0; i < text.length; i++) out[at + i] = text.charCodeAt(i);
    return;
  }
  for (let i = 0; i < 10; i++) out[at + i] = lastDate[i]!;
  out[at + 10] = 0x54; // T
  const seconds = Math.floor(msOfDay / 1_000);
  pair(out, at + 11, Math.floor(seconds / 3_600));
  out[at + 13] = 0x3a; // :
  pair(out, at + 14, Math.floor(seconds / 60) % 60);
  out[at + 16] = 0x3a;
  pair(out, at + 17, seconds % 60);
  out[at + 19] = 0x2e; // .
  const ms = msOfDay - seconds * 1_000;
  out[at + 20] = ZERO + Math.floor(ms / 100);
  pair(out, at + 21, ms % 100);
  out[at + 23] = 0x5a; // Z
}

/** The day whose `YYYY-MM-DD` is in {@link lastDate}. */
let lastDay = Number.NaN;
const lastDate = new Uint8Array(10);

/** Writes the date of `day` into {@link lastDate}; false for years outside 0000–9999. */
function rememberDate(day: number): boolean {
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
  if (!(year >= 0 && year <= 9999)) return false;
  pair(lastDate, 0, Math.floor(year / 100));
  pair(lastDate, 2, year % 100);
  lastDate[4] = 0x2d; // -
  pair(lastDate, 5, month);
  lastDate[7] = 0x2d;
  pair(lastDate, 8, dayOfMonth);
  lastDay = day;
  return true;
}
