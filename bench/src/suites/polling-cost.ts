import type { Figure, Ratio } from "../harness/figure.js";
import { seededRandom } from "../harness/seeded-random.js";
import { pairedRatios } from "../harness/stats.js";
import type { Suite } from "../harness/suite.js";

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const DURATIONS = [
  { key: "10min", label: "10-minute job", ms: 10 * MINUTE },
  { key: "6h", label: "6-hour job", ms: 6 * HOUR },
  { key: "3d", label: "3-day job", ms: 3 * DAY },
] as const;

/** How one poll went: state reads made and how late completion was noticed. */
interface PollOutcome {
  requests: number;
  lateMs: number;
}

/**
 * Polling cost: state reads made by core's default schedule (the in-process loop, and the same
 * step driven one `checkArchive` round at a time) (with its jitter, seeded per run)
 * for jobs of 10 minutes, 6 hours and 3 days (plus a seeded part of a minute) on the emulator's virtual clock, against a fixed
 * 1-minute poll, and how long after completion each noticed it.
 *
 * @example
 * const sections = await pollingCostSuite.run(context);
 */
export const pollingCostSuite: Suite = {
  id: "polling-cost",
  title: "Polling cost",
  async run(context) {
    const { checkArchive, createPortabilityClient, pollArchive, startExport } = await import(
      "@dataportability/core"
    );
    const { createEmulator, VirtualClock } = await import("@dataportability/msw");
    const { getResponse } = await import("msw");

    async function poll(
      jobMs: number,
      strategy: "default" | "rounds" | "fixed",
      seed: number,
    ): Promise<PollOutcome> {
      const clock = new VirtualClock(new Date("2026-01-05T00:00:00Z"));
      const emulator = createEmulator({
        clock,
        seed,
        completeAfterMs: jobMs,
        accessTokenTtlMs: 30 * DAY,
      });
      const { accessToken } = emulator.issueToken({ resources: ["myactivity.youtube"] });
      let requests = 0;
      const client = createPortabilityClient({
        auth: accessToken,
        clock: {
          now: () => clock.nowMs(),
          sleep: async (ms) => {
            clock.advance(ms);
          },
        },
        // Straight into the emulator's handlers: no sockets, so only the schedule is measured.
        fetch: async (input, init) => {
          const request = new Request(input, init);
          if (request.method === "GET") requests++;
          const response = await getResponse([...emulator.handlers], request);
          if (!response) throw new Error(`no emulator handler for ${request.method} ${input}`);
          return response;
        },
      });
      const resources = ["myactivity.youtube" as const];
      const started = clock.nowMs();
      if (strategy === "default") {
        const { archiveJobId } = await client.initiateArchive({ resources });
        await pollArchive(client, archiveJobId, { random: seededRandom(seed) });
      } else if (strategy === "rounds") {
        // A stateless backend: store the saved export, come back at nextCheckAt, one round.
        const random = seededRandom(seed);
        let saved = await startExport(client, { resources });
        for (;;) {
          clock.advance(Math.max(0, Date.parse(saved.nextCheckAt) - clock.nowMs()));
          const round = await checkArchive(client, saved, { random });
          if (round.done) break;
          saved = round.saved;
        }
      } else {
        const { archiveJobId } = await client.initiateArchive({ resources });
        while ((await client.getArchiveState(archiveJobId)).state !== "COMPLETE") {
          clock.advance(MINUTE);
        }
      }
      return { requests, lateMs: clock.nowMs() - started - jobMs };
    }

    const figures: Figure[] = [];
    const ratios: Ratio[] = [];
    for (const duration of DURATIONS) {
      const ours: PollOutcome[] = [];
      const rounds: PollOutcome[] = [];
      const fixed: PollOutcome[] = [];
      for (let run = 0; run < context.runs; run++) {
        // The job ends at a seeded moment within its last minute, as real jobs do not end
        // on a poll boundary.
        const jobMs = duration.ms + Math.floor(seededRandom(1000 + run)() * MINUTE);
        ours.push(await poll(jobMs, "default", run + 1));
        rounds.push(await poll(jobMs, "rounds", run + 1));
        fixed.push(await poll(jobMs, "fixed", run + 1));
      }
      const oursRequests = ours.map((o) => o.requests);
      const roundsRequests = rounds.map((o) => o.requests);
      const fixedRequests = fixed.map((o) => o.requests);
      context.log(
        `${duration.label}: default ${oursRequests.join("/")} reads, checkArchive rounds ${roundsRequests.join("/")}, fixed 1-minute ${fixedRequests.join("/")}`,
      );
      figures.push(
        {
          key: `${duration.key}-default-requests`,
          label: `${duration.label}: default schedule, state reads`,
          unit: "requests",
          values: oursRequests,
        },
        {
          key: `${duration.key}-default-late`,
          label: `${duration.label}: default schedule, completion noticed after`,
          unit: "min",
          values: ours.map((o) => o.lateMs / MINUTE),
        },
        {
          key: `${duration.key}-rounds-requests`,
          label: `${duration.label}: checkArchive rounds alone, state reads`,
          unit: "requests",
          values: roundsRequests,
        },
        {
          key: `${duration.key}-rounds-late`,
          label: `${duration.label}: checkArchive rounds alone, completion noticed after`,
          unit: "min",
          values: rounds.map((o) => o.lateMs / MINUTE),
        },
        {
          key: `${duration.key}-fixed-requests`,
          label: `${duration.label}: fixed 1-minute poll, state reads`,
          unit: "requests",
          values: fixedRequests,
        },
        {
          key: `${duration.key}-fixed-late`,
          label: `${duration.label}: fixed 1-minute poll, completion noticed after`,
          unit: "min",
          values: fixed.map((o) => o.lateMs / MINUTE),
        },
      );
      ratios.push(
        {
          label: `${duration.label}: default ÷ fixed 1-minute, state reads`,
          values: pairedRatios(oursRequests, fixedRequests),
        },
        {
          label: `${duration.label}: checkArchive rounds ÷ pollArchive loop, state reads (1 = same checks)`,
          values: pairedRatios(roundsRequests, oursRequests),
        },
      );
    }
    return [
      {
        title: "Polling cost",
        method: `Each job completes a set virtual time after it is initiated, plus a seeded 0–60 s so it does not end on a poll boundary (emulator \`completeAfterMs\`, virtual clock, no real waiting); run *n* uses the same job length for both strategies. \`pollArchive\` with core's default schedule (10 s, 30 s, 1 min, 2 min, 5 min, then a quarter of the time waited so far within 5–60 min, ±25 % jitter) is run ${context.runs} times with seeded jitter (seeds 1–${context.runs}); the same job driven by \`startExport\` and \`checkArchive\` alone (a stateless backend coming back at each \`nextCheckAt\`, same seeded jitter) must make the same reads at the same times; the fixed poll reads the state every 60 s. "Noticed after" is the time from completion to the read that saw COMPLETE.`,
        figures,
        ratios,
        notes: [],
      },
    ];
  },
};
