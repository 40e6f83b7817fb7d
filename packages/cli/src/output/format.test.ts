import { describe, expect, it } from "vitest";
import { formatBytes, formatDuration, formatMoment, formatTable, progressBar } from "./format.js";

describe("format", () => {
  it("formats bytes, durations and moments for people", () => {
    expect(formatBytes(512)).toBe("512 B");
    expect(formatBytes(65_536)).toBe("64.0 KiB");
    expect(formatBytes(1.5 * 2 ** 30)).toBe("1.5 GiB");
    expect(formatDuration(850)).toBe("850 ms");
    expect(formatDuration(185_000)).toBe("3 min 5 s");
    expect(formatDuration(7_800_000)).toBe("2 h 10 min");
    expect(formatDuration(3 * 86_400_000 + 4 * 3_600_000)).toBe("3 d 4 h");
    const now = new Date("2026-01-01T00:00:00Z");
    expect(formatMoment(new Date("2026-01-01T01:00:00Z"), now)).toBe(
      "2026-01-01T01:00:00.000Z (in 1 h)",
    );
    expect(formatMoment(new Date("2025-12-31T23:59:00Z"), now)).toContain("(1 min ago)");
  });

  it("draws bars and aligns tables", () => {
    expect(progressBar(0.5, 10)).toBe("█████░░░░░");
    expect(progressBar(Number.NaN, 4)).toBe("░░░░");
    expect(progressBar(2, 4)).toBe("████");
    expect(
      formatTable([
        ["a", "1"],
        ["bbb", "2"],
      ]),
    ).toBe("a    1\nbbb  2");
  });
});
