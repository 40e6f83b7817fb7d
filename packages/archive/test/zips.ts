import { type Zippable, zipSync } from "fflate";

/** A zip of the given files, deflated (level 6) unless `level` says otherwise. */
export function makeZip(files: Record<string, string | Uint8Array>, level: 0 | 6 = 6): Uint8Array {
  const zippable: Zippable = {};
  for (const [name, content] of Object.entries(files)) {
    zippable[name] = [
      typeof content === "string" ? new TextEncoder().encode(content) : content,
      { level },
    ];
  }
  return zipSync(zippable);
}

/** Streams bytes in chunks of `size`, to exercise every split point of the parsers. */
export async function* inChunks(bytes: Uint8Array, size: number): AsyncGenerator<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) yield bytes.slice(at, at + size);
}

/** Collects an async iterable. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

export const activity = (i: number) => ({
  header: "YouTube",
  title: `Watched video ${i}`,
  titleUrl: `https://www.youtube.com/watch?v=${String(i).padStart(11, "0")}`,
  time: `2024-01-0${(i % 9) + 1}T10:00:00.000Z`,
  products: ["YouTube"],
});
