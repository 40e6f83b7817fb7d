/**
 * RFC 3339 timestamps as the API writes them: Google's REST reference says generated output is
 * "Z-normalized and uses 0, 3, 6 or 9 fractional digits" (for example the `startTime` of
 * https://developers.google.com/data-portability/reference/rest/v1/portabilityArchive/initiate),
 * while input may carry any offset and up to nine fractional digits.
 */

// google.protobuf.Timestamp in JSON: a Z or an offset, up to nanoseconds.
const TIMESTAMP = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2})(?:\.(\d{1,9}))?(Z|[+-]\d{2}:\d{2})$/i;

/** A parsed timestamp: whole milliseconds since the epoch plus the nanoseconds within them. */
export interface Timestamp {
  /** Milliseconds since 1970-01-01T00:00:00Z, rounded down. */
  readonly ms: number;
  /** Nanoseconds past `ms` (0–999 999). */
  readonly subMsNanos: number;
}

/**
 * Parses an RFC 3339 timestamp with a `Z` or an offset and up to nine fractional digits;
 * `undefined` when it is not one.
 *
 * @example
 * ```ts
 * parseTimestamp("2014-10-02T15:01:23.045123456+05:30");
 * // { ms: Date.UTC(2014, 9, 2, 9, 31, 23, 45), subMsNanos: 123456 }
 * ```
 */
export function parseTimestamp(text: string): Timestamp | undefined {
  const match = TIMESTAMP.exec(text);
  if (!match) return undefined;
  const secondsMs = Date.parse(`${match[1]}${match[3]!.toUpperCase()}`);
  if (Number.isNaN(secondsMs)) return undefined;
  const nanos = Number((match[2] ?? "").padEnd(9, "0"));
  return { ms: secondsMs + Math.floor(nanos / 1e6), subMsNanos: nanos % 1e6 };
}

/**
 * Writes a timestamp the way the API does: UTC with `Z`, and 0, 3, 6 or 9 fractional digits,
 * the fewest that hold it exactly.
 *
 * @example
 * ```ts
 * formatTimestamp(Date.UTC(2026, 0, 2)); // "2026-01-02T00:00:00Z"
 * formatTimestamp(Date.UTC(2026, 0, 2, 0, 0, 0, 45)); // "2026-01-02T00:00:00.045Z"
 * formatTimestamp(Date.UTC(2026, 0, 2, 0, 0, 0, 45), 123_000); // "2026-01-02T00:00:00.045123Z"
 * ```
 */
export function formatTimestamp(ms: number, subMsNanos = 0): string {
  const whole = new Date(ms).toISOString();
  const nanos = (ms - Math.floor(ms / 1000) * 1000) * 1e6 + subMsNanos;
  const fraction = String(nanos).padStart(9, "0");
  const digits = nanos === 0 ? 0 : nanos % 1e6 === 0 ? 3 : nanos % 1e3 === 0 ? 6 : 9;
  return `${whole.slice(0, 19)}${digits === 0 ? "" : `.${fraction.slice(0, digits)}`}Z`;
}
