import { defaultPollSchedule, type PollSchedule } from "@dataportability/core";
import { EMULATOR_POLL_MS } from "./embedded-emulator.js";

/**
 * The response header by which `@dataportability/msw`'s emulator says what it is, on every API
 * answer. Its presence is what earns a server sub-second polling; a loopback address does not.
 *
 * @example
 * ```ts
 * response.headers.has(EMULATOR_HEADER); // true when the emulator answered
 * ```
 */
export const EMULATOR_HEADER = "x-dataportability-emulator";

/**
 * A fetch for a client that notices when the server identifies itself as the emulator, and
 * the poll schedule that follows from it: the emulator's quarter second once it has, Google's
 * schedule otherwise (a proxy or tunnel to Google on loopback included).
 *
 * @example
 * ```ts
 * const polling = identifyingFetch();
 * const client = createPortabilityClient({ auth, baseUrl, fetch: polling.fetch });
 * pollArchive(client, jobId, { schedule: polling.schedule });
 * ```
 */
export function identifyingFetch(): {
  fetch: (input: string, init: RequestInit) => Promise<Response>;
  schedule: PollSchedule;
} {
  let emulator = false;
  return {
    fetch: async (input, init) => {
      const response = await fetch(input, init);
      if (response.headers.has(EMULATOR_HEADER)) emulator = true;
      return response;
    },
    schedule: (checks, elapsedMs) =>
      emulator ? EMULATOR_POLL_MS : defaultPollSchedule(checks, elapsedMs),
  };
}
