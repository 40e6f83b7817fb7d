import yazl from "yazl";

export interface ZipSpec {
  name: string;
  data?: Buffer | string;
  directory?: boolean;
  mode?: number;
}

/** Builds a zip in memory with yazl (deflated entries). */
export async function makeZip(entries: ZipSpec[]): Promise<Buffer> {
  const zip = new yazl.ZipFile();
  for (const entry of entries) {
    if (entry.directory) zip.addEmptyDirectory(entry.name);
    else {
      zip.addBuffer(Buffer.from(entry.data ?? ""), entry.name, {
        mtime: new Date("2026-01-01T00:00:00Z"),
        ...(entry.mode === undefined ? {} : { mode: entry.mode }),
      });
    }
  }
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/**
 * Renames entries by rewriting their name bytes in place (local and central headers), which
 * is how hostile zips carry names a well-behaved writer refuses. Names must keep their length.
 */
export function renameEntries(zip: Buffer, renames: Record<string, string>): Buffer {
  const out = Buffer.from(zip);
  for (const [from, to] of Object.entries(renames)) {
    const a = Buffer.from(from);
    const b = Buffer.from(to);
    if (a.length !== b.length) throw new Error("renameEntries: names must have the same length");
    let found = 0;
    for (let at = out.indexOf(a); at >= 0; at = out.indexOf(a, at + 1)) {
      b.copy(out, at);
      found++;
    }
    if (found === 0) throw new Error(`renameEntries: ${from} not found`);
  }
  return out;
}

/** Overwrites the declared uncompressed size of every entry in the central directory. */
export function setDeclaredSizes(zip: Buffer, size: number): Buffer {
  const out = Buffer.from(zip);
  const signature = Buffer.from([0x50, 0x4b, 0x01, 0x02]);
  for (let at = out.indexOf(signature); at >= 0; at = out.indexOf(signature, at + 4)) {
    out.writeUInt32LE(size, at + 24);
  }
  return out;
}
