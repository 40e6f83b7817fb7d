import type { ConsentScript } from "@dataportability/msw";
import type { EmulatorServer } from "@dataportability/msw/node";

/**
 * How the embedded emulator is set up: jobs complete after two state reads, two archives of
 * about 192 KiB per job, one-time consent. Small enough to finish in moments, big enough to
 * show real streamed downloads.
 *
 * @example
 * ```ts
 * const server = await startEmbeddedEmulator();
 * ```
 */
export const EMBEDDED_EMULATOR_SETTINGS = {
  completeAfterPolls: 2,
  archivesPerJob: 2,
  archiveBytes: 192 * 1024,
  consent: { grant: "all", accessType: "ONE_TIME" } satisfies ConsentScript,
} as const;

/**
 * Poll every quarter second: the emulator answers in moments, Google in minutes to days.
 *
 * @example
 * ```ts
 * pollArchive(client, jobId, { schedule: () => EMULATOR_POLL_MS });
 * ```
 */
export const EMULATOR_POLL_MS = 250;

/**
 * Starts the emulator inside this process, served over real HTTP on 127.0.0.1 so downloads are
 * real streams. It lives as long as the command.
 *
 * @example
 * ```ts
 * const server = await startEmbeddedEmulator();
 * try { ... } finally { await server.close(); }
 * ```
 */
export async function startEmbeddedEmulator(): Promise<EmulatorServer> {
  // Loaded on demand: the emulator (msw) is the heaviest part of the command.
  const { createEmulatorServer } = await import("@dataportability/msw/node");
  return createEmulatorServer({ port: 0, ...EMBEDDED_EMULATOR_SETTINGS });
}
