/**
 * Formats a measured number for a table: three significant digits, thousands grouped.
 *
 * @example
 * formatNumber(1234.5); // "1,235"
 * formatNumber(0.012345); // "0.0123"
 */
export function formatNumber(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Number.isInteger(value) && Math.abs(value) < 1e15) return value.toLocaleString("en-US");
  const abs = Math.abs(value);
  if (abs >= 100) return Math.round(value).toLocaleString("en-US");
  if (abs === 0) return "0";
  const digits = Math.max(0, 2 - Math.floor(Math.log10(abs)));
  return value.toLocaleString("en-US", {
    minimumFractionDigits: Math.min(digits, 6),
    maximumFractionDigits: Math.min(digits, 6),
  });
}
