import { createHash } from "node:crypto";
import { readFile } from "node:fs/promises";
import { expect } from "vitest";
import type { Harness } from "./harness.js";

/** Every stored archive of these completed exports holds the bytes the emulator serves for its job. */
export async function expectIdenticalBytes(
  h: Harness,
  exportIds: readonly string[],
): Promise<void> {
  for (const exportId of exportIds) {
    const result = h.outcomes.completed.get(exportId);
    expect(result, `export ${exportId} completed`).toBeDefined();
    const urls = h.server.emulator.job(result!.archiveJobId)!.urls;
    expect(result!.files).toHaveLength(urls.length);
    for (const file of result!.files) {
      const expected = await h.server.emulator.expectedArchive(urls[file.index]!);
      const actual = createHash("sha256")
        .update(await readFile(file.location))
        .digest("hex");
      expect(actual).toBe(expected.sha256);
      expect(file.sha256).toBe(expected.sha256);
    }
  }
}
