import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach } from "vitest";

/**
 * A fresh temporary folder for each test of the calling file (removed after it), and a way
 * to write a zip into it.
 */
export function useZipFolder(prefix: string) {
  let dir = "";
  beforeEach(async () => {
    dir = await mkdtemp(path.join(tmpdir(), prefix));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });
  return {
    /** The current test's folder. */
    get dir() {
      return dir;
    },
    /** Writes `buffer` as `archive.zip` in the folder and returns its path. */
    async zipFile(buffer: Buffer): Promise<string> {
      const file = path.join(dir, "archive.zip");
      await writeFile(file, buffer);
      return file;
    },
  };
}
