import { describe, expect, it } from "vitest";
import { digestArchive } from "./archive-digest.js";
import { planArchive } from "./archive-plan.js";
import { readZip } from "./stored-zip.js";
import { paceDelayMs, ZIP_STREAM_CHUNK_BYTES, zipStream } from "./zip-stream.js";

const plan = planArchive({
  seed: 3,
  jobId: "5",
  index: 0,
  count: 1,
  resources: ["myactivity.search", "maps.starred_places"],
  fromMs: 0,
  toMs: Date.parse("2026-01-01T00:00:00Z"),
  archiveBytes: 400_000,
  modifiedAtMs: 0,
});
const { crc32s } = await digestArchive(plan, { md5: false });
const whole = new Uint8Array(plan.size);
readZip(plan, crc32s, 0, whole);

async function readDefault(stream: ReadableStream<Uint8Array>): Promise<Uint8Array[]> {
  const reader = stream.getReader();
  const chunks: Uint8Array[] = [];
  for (let r = await reader.read(); !r.done; r = await reader.read()) chunks.push(r.value);
  return chunks;
}

/** Compares bytes as one block: element-wise deep equality is slow for large arrays. */
function expectBytes(actual: Uint8Array, expected: Uint8Array): void {
  expect(actual.length).toBe(expected.length);
  expect(Buffer.compare(actual, expected)).toBe(0);
}

function concat(chunks: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.length;
  }
  return out;
}

describe("zipStream", () => {
  it("gives a default reader fresh chunks of at most 64 KiB that add up to the archive", async () => {
    const chunks = await readDefault(zipStream(plan, crc32s, 0, plan.size));
    expect(chunks.length).toBe(Math.ceil(plan.size / ZIP_STREAM_CHUNK_BYTES));
    expect(new Set(chunks.map((c) => c.buffer)).size).toBe(chunks.length);
    expectBytes(concat(chunks), whole);
  });

  it("fills a BYOB reader's own buffer, read after read", async () => {
    const reader = zipStream(plan, crc32s, 1234, 300_000).getReader({ mode: "byob" });
    const got: Uint8Array[] = [];
    let buffer = new ArrayBuffer(10_000);
    for (;;) {
      const { done, value } = await reader.read(new Uint8Array(buffer));
      if (done) break;
      expect(value.byteLength).toBeLessThanOrEqual(10_000);
      got.push(value.slice());
      buffer = value.buffer as ArrayBuffer; // the same memory, handed back
    }
    expectBytes(concat(got), whole.subarray(1234, 300_000));
  });

  it("breaks off with the given error after exactly the bytes it was told", async () => {
    const reader = zipStream(plan, crc32s, 100, plan.size, {
      reset: { afterBytes: 70_000, error: (sent) => new Error(`reset after ${sent}`) },
    }).getReader();
    const got: Uint8Array[] = [];
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          got.push(value);
        }
      })(),
    ).rejects.toThrow("reset after 70000");
    expectBytes(concat(got), whole.subarray(100, 70_100));
  });

  it("ends normally when the reset point lies past the end", async () => {
    const chunks = await readDefault(
      zipStream(plan, crc32s, plan.size - 10, plan.size, {
        reset: { afterBytes: 11, error: () => new Error("unexpected") },
      }),
    );
    expectBytes(concat(chunks), whole.subarray(plan.size - 10));
  });

  it("flips the byte at flipAt, counted from the start of the object, whichever reader reads", async () => {
    const at = 200_000;
    const expected = whole.slice(150_000, 300_000);
    expected[at - 150_000]! ^= 0xff;
    const fresh = await readDefault(zipStream(plan, crc32s, 150_000, 300_000, { flipAt: at }));
    expectBytes(concat(fresh), expected);
    const reader = zipStream(plan, crc32s, 150_000, 300_000, { flipAt: at }).getReader({
      mode: "byob",
    });
    const got: Uint8Array[] = [];
    // Reads of 7 000 bytes: the flipped byte lands inside a read, not at its start.
    for (let r = await reader.read(new Uint8Array(7000)); !r.done; ) {
      got.push(r.value.slice());
      r = await reader.read(new Uint8Array(r.value.buffer as ArrayBuffer));
    }
    expectBytes(concat(got), expected);
  });

  it("leaves every byte alone when flipAt lies outside the range served", async () => {
    const chunks = await readDefault(zipStream(plan, crc32s, 1000, 2000, { flipAt: 2000 }));
    expectBytes(concat(chunks), whole.subarray(1000, 2000));
  });
});

describe("zipStream under a bandwidth cap", () => {
  it("paces delivery to the rate on the clock it is given, with the same bytes", async () => {
    let now = 0;
    const waits: number[] = [];
    const pace = {
      bytesPerSecond: 100_000,
      now: () => now,
      sleep: async (ms: number) => {
        waits.push(ms);
        now += ms;
      },
    };
    const chunks = await readDefault(zipStream(plan, crc32s, 0, plan.size, { pace }));
    expectBytes(concat(chunks), whole);
    // Before the last chunk went out, the stream had waited for every byte before it.
    const last = chunks.at(-1)!.length;
    expect(now).toBeCloseTo(((plan.size - last) * 1000) / pace.bytesPerSecond, 5);
    expect(waits.length).toBe(chunks.length - 1);
  });

  it("computes the wait that keeps a stream at its rate", () => {
    expect(paceDelayMs(1000, 400, 1000)).toBe(600);
    expect(paceDelayMs(1000, 1500, 1000)).toBe(0);
    expect(paceDelayMs(0, 0, 1000)).toBe(0);
  });
});
