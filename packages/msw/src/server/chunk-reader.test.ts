import { describe, expect, it } from "vitest";
import { CHUNK_BYTES, chunkReader } from "./chunk-reader.js";

function byteStream(total: number): ReadableStream<Uint8Array> {
  let sent = 0;
  return new ReadableStream({
    type: "bytes",
    autoAllocateChunkSize: 4096,
    pull(controller) {
      const request = controller.byobRequest!;
      const view = new Uint8Array(
        request.view!.buffer,
        request.view!.byteOffset,
        request.view!.byteLength,
      );
      const n = Math.min(view.length, total - sent);
      for (let i = 0; i < n; i++) view[i] = (sent + i) & 0xff;
      sent += n;
      if (n === 0) {
        controller.close();
        request.respond(0);
      } else {
        request.respond(n);
      }
    },
  });
}

describe("chunkReader", () => {
  it("reads a byte stream into buffers of its own, sized by the hint, and reuses recycled ones", async () => {
    const reader = chunkReader(byteStream(2_500), 1_000);
    const sizes: number[] = [];
    const capacities: number[] = [];
    const bytes: number[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      sizes.push(r.value.byteLength);
      capacities.push(r.value.buffer.byteLength);
      bytes.push(...r.value);
      reader.recycle(r.value);
    }
    expect(sizes).toEqual([1_000, 1_000, 500]);
    expect(capacities).toEqual([1_000, 1_000, 1_000]);
    expect(bytes).toEqual(Array.from({ length: 2_500 }, (_, i) => i & 0xff));
  });

  it("caps its buffers without a hint", async () => {
    const reader = chunkReader(byteStream(10));
    const first = await reader.read();
    expect(first.value?.buffer.byteLength).toBe(CHUNK_BYTES);
    expect([...first.value!]).toEqual([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
    expect((await reader.read()).done).toBe(true);
  });

  it("reads other streams as they come", async () => {
    const chunks = [new Uint8Array([1, 2]), new Uint8Array([3])];
    const reader = chunkReader(new Response(new Blob(chunks)).body!);
    const got: number[] = [];
    for (let r = await reader.read(); !r.done; r = await reader.read()) got.push(...r.value);
    expect(got).toEqual([1, 2, 3]);
  });
});
