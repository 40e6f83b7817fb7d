// Typed use of @dataportability/node (type-checked, not run).
import { createPortabilityClient, waitForArchive } from "@dataportability/core";
import {
  type ArchiveEntry,
  type DownloadArchiveResult,
  downloadArchive,
  extractArchive,
  listArchiveEntries,
} from "@dataportability/node";

export async function download(accessToken: string, jobId: string): Promise<DownloadArchiveResult> {
  const client = createPortabilityClient({ auth: accessToken });
  const state = await waitForArchive(client, jobId);
  return downloadArchive({
    state,
    client,
    folder: "./export",
    onEvent: (event) => {
      if (event.type === "progress") console.log(event.total.bytes);
    },
  });
}

export async function look(zip: string): Promise<ArchiveEntry[]> {
  const entries = await listArchiveEntries(zip);
  await extractArchive(zip, "./export/unzipped");
  return entries;
}
