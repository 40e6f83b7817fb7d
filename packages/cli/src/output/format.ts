/**
 * A byte count for people: `512 B`, `64.0 KiB`, `1.5 GiB`.
 *
 * @example
 * ```ts
 * formatBytes(65_536); // "64.0 KiB"
 * ```
 */
export function formatBytes(bytes: number): string {
  const units = ["B", "KiB", "MiB", "GiB", "TiB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return unit === 0 ? `${value} B` : `${value.toFixed(1)} ${units[unit]}`;
}

/**
 * A duration for people: `850 ms`, `12 s`, `3 min 5 s`, `2 h 10 min`, `3 d 4 h`.
 *
 * @example
 * ```ts
 * formatDuration(185_000); // "3 min 5 s"
 * ```
 */
export function formatDuration(ms: number): string {
  const abs = Math.max(0, Math.round(ms));
  if (abs < 1000) return `${abs} ms`;
  const s = Math.round(abs / 1000);
  if (s < 60) return `${s} s`;
  const min = Math.floor(s / 60);
  if (min < 60) return s % 60 ? `${min} min ${s % 60} s` : `${min} min`;
  const h = Math.floor(min / 60);
  if (h < 48) return min % 60 ? `${h} h ${min % 60} min` : `${h} h`;
  const d = Math.floor(h / 24);
  return h % 24 ? `${d} d ${h % 24} h` : `${d} d`;
}

/**
 * A moment as ISO 8601 UTC plus how far away it is, e.g.
 * `2026-01-02T09:00:00.000Z (in 23 h 59 min)`.
 *
 * @example
 * ```ts
 * formatMoment(new Date(Date.now() + 3_600_000)); // "... (in 1 h)"
 * ```
 */
export function formatMoment(date: Date, now: Date = new Date()): string {
  const delta = date.getTime() - now.getTime();
  const relative =
    Math.abs(delta) < 1000
      ? "now"
      : delta > 0
        ? `in ${formatDuration(delta)}`
        : `${formatDuration(-delta)} ago`;
  return `${date.toISOString()} (${relative})`;
}

/**
 * A text progress bar of `width` cells.
 *
 * @example
 * ```ts
 * progressBar(0.5, 10); // "█████░░░░░"
 * ```
 */
export function progressBar(fraction: number, width: number): string {
  const clamped = Math.min(1, Math.max(0, Number.isFinite(fraction) ? fraction : 0));
  const full = Math.round(clamped * width);
  return "█".repeat(full) + "░".repeat(width - full);
}

/**
 * Rows aligned in columns, separated by two spaces.
 *
 * @example
 * ```ts
 * formatTable([["a", "1"], ["bbb", "2"]]); // "a    1\nbbb  2"
 * ```
 */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths: number[] = [];
  for (const row of rows) {
    row.forEach((cell, i) => {
      widths[i] = Math.max(widths[i] ?? 0, visibleLength(cell));
    });
  }
  return rows
    .map((row) =>
      row
        .map((cell, i) =>
          i === row.length - 1 ? cell : cell + " ".repeat((widths[i] ?? 0) - visibleLength(cell)),
        )
        .join("  "),
    )
    .join("\n");
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escape sequences
const visibleLength = (text: string): number => text.replace(/\x1b\[[0-9;]*m/g, "").length;
