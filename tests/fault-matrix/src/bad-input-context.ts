import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createPortabilityClient, type PortabilityClient } from "@dataportability/core";
import { createEmulator, type Emulator } from "@dataportability/msw";
import type { SetupServer } from "msw/node";

/** What the rows of the bad-input table get: a client on the emulator and a finished job. */
export interface BadInputContext {
  emulator: Emulator;
  server: SetupServer;
  client: PortabilityClient;
  accessToken: string;
  /** A COMPLETE job of the emulator. */
  jobId: string;
  folder: string;
  /** Final files (not `.part`) in `folder`. */
  finalFiles(): Promise<string[]>;
  close(): Promise<void>;
}

/**
 * An emulator behind the given MSW server (no retries, so each row sends at most one request
 * per call), a client, a COMPLETE job and an empty download folder.
 *
 * @example
 * const context = await createBadInputContext(server);
 */
export async function createBadInputContext(server: SetupServer): Promise<BadInputContext> {
  const emulator = createEmulator({ completeAfterPolls: 0, archiveBytes: 8 * 1024 });
  server.resetHandlers(...emulator.handlers);
  const { accessToken } = emulator.issueToken({ resources: ["myactivity.youtube"] });
  const client = createPortabilityClient({ auth: accessToken, retry: false });
  const { archiveJobId } = await client.initiateArchive({ resources: ["myactivity.youtube"] });
  emulator.completeJob(archiveJobId);
  const folder = await mkdtemp(join(tmpdir(), "dp-bad-input-"));
  return {
    emulator,
    server,
    client,
    accessToken,
    jobId: archiveJobId,
    folder,
    finalFiles: async () =>
      (await readdir(folder)).filter((name) => !name.endsWith(".part") && !name.endsWith(".json")),
    close: () => rm(folder, { recursive: true, force: true }),
  };
}
