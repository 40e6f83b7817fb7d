import type { DelayReason, ExportWorkerOptions } from "../../src/index.js";
import { localFolderSink } from "../../src/index.js";
import type { Harness } from "./harness.js";

/** What the pipeline asked `delayFor` for, before the helper ran it 10 ms later. */
export interface AskedDelay {
  reason: DelayReason;
  ms: number;
}

/**
 * Options of a worker against the harness's emulator and folders, with every wake-up run
 * 10 ms later (hours of schedule in a blink; what was asked goes to `asked`). `overrides` win.
 */
export function testWorkerOptions(
  h: Harness,
  overrides: Partial<ExportWorkerOptions> = {},
  asked: AskedDelay[] = [],
): ExportWorkerOptions {
  return {
    connection: h.redisUrl,
    name: h.name,
    auth: (userId) => h.tokens[userId],
    client: { baseUrl: h.server.url, retry: { maxAttempts: 1 } },
    sink: localFolderSink(h.sinkDir),
    workDir: h.workDir,
    poll: { schedule: () => 5 * 60_000 },
    backoff: { baseMs: 1_000, maxMs: 60_000 },
    delayFor: (at, { now, reason }) => {
      asked.push({ reason, ms: at.getTime() - now.getTime() });
      return 10;
    },
    download: { retryDelayMs: 10 },
    onError: () => {},
    ...overrides,
  };
}
