import { RESOURCES } from "@dataportability/spec";
import { describe, expect, it } from "vitest";
import { planArchive } from "./archive-plan.js";
import {
  isCsv,
  RECORD_TEMPLATES,
  RECORD_WIDTH,
  recordText,
  recordTimeMs,
  writeRecord,
} from "./record-text.js";

const plan = planArchive({
  seed: 11,
  jobId: "77",
  index: 0,
  count: 1,
  resources: [...RESOURCES],
  fromMs: Date.parse("2024-03-01T00:00:00Z"),
  toMs: Date.parse("2026-03-01T00:00:00Z"),
  archiveBytes: RESOURCES.length * 4096,
  modifiedAtMs: 0,
});

const recordFiles = plan.entries.flatMap((entry) => ("bytes" in entry.file ? [] : [entry.file]));
const myActivity = recordFiles.find((file) => file.resource === "myactivity.youtube")!;

describe("generated records", () => {
  it("are one JSON object (RECORD_WIDTH - 2 characters) or CSV row (RECORD_WIDTH - 1) of ASCII for every resource", () => {
    for (const file of recordFiles) {
      for (const index of [0, 1, file.records - 1]) {
        const text = recordText(file, index);
        expect(text).toHaveLength(RECORD_WIDTH - (isCsv(file) ? 1 : 2));
        expect(text).toMatch(/^[\x20-\x7e]+$/);
        if (!isCsv(file)) expect(JSON.parse(text)).toBeTypeOf("object");
        const timeAt = writeRecord(file, index, new Uint8Array(RECORD_WIDTH), 0);
        if (timeAt >= 0) {
          expect(text.slice(timeAt, timeAt + 24)).toBe(
            new Date(recordTimeMs(file, index)).toISOString(),
          );
        }
      }
    }
  });

  it("write in place with their separator and say where the timestamp sits", () => {
    const file = myActivity;
    const out = new Uint8Array(RECORD_WIDTH + 20).fill(0x21);
    const timeAt = writeRecord(file, 3, out, 10);
    const text = new TextDecoder().decode(out.subarray(10, 10 + RECORD_WIDTH - 2));
    expect(text).toBe(recordText(file, 3));
    expect(text.slice(timeAt, timeAt + 24)).toBe(new Date(recordTimeMs(file, 3)).toISOString());
    expect(out[9]).toBe(0x21);
    expect([...out.subarray(10 + RECORD_WIDTH - 2, 10 + RECORD_WIDTH + 1)]).toEqual([
      0x2c, 0x0a, 0x21,
    ]);
  });

  it("repeat their text every RECORD_TEMPLATES records, with their own timestamps", () => {
    const file = { ...myActivity, records: 2 * RECORD_TEMPLATES };
    const a = recordText(file, 5);
    const b = recordText(file, 5 + RECORD_TEMPLATES);
    const strip = (t: string) => t.replace(/"(time|created)":"[^"]+"/, "");
    expect(strip(b)).toBe(strip(a));
    expect(b).not.toBe(a);
    expect(recordTimeMs(file, 0)).toBeGreaterThan(recordTimeMs(file, 1));
  });

  it("refuse a record that cannot fit its width", () => {
    const file = { ...myActivity, product: "x".repeat(400) };
    expect(() => writeRecord(file, 0, new Uint8Array(4 * RECORD_WIDTH), 0)).toThrow(
      /needs more than 510 characters/,
    );
  });
});
