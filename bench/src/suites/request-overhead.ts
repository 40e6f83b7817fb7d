import type { Figure } from "../harness/figure.js";
import { nowMs } from "../harness/interleave.js";
import { startServerChild } from "../harness/server-child.js";
import { median, pairedRatios } from "../harness/stats.js";
import type { Suite } from "../harness/suite.js";

interface EmulatorInfo {
  url: string;
  accessToken: string;
}

/**
 * One run: `calls` iterations, each calling every contender once in a rotating order, so a
 * noisy moment of the machine hits all of them. Returns each contender's median call time, µs.
 */
async function runRound(
  calls: number,
  contenders: Record<string, () => Promise<unknown>>,
): Promise<Map<string, number>> {
  const keys = Object.keys(contenders);
  const times = new Map<string, number[]>(keys.map((key) => [key, []]));
  for (let i = 0; i < calls; i++) {
    for (let k = 0; k < keys.length; k++) {
      const key = keys[(i + k) % keys.length]!;
      const start = nowMs();
      await contenders[key]!();
      times.get(key)!.push((nowMs() - start) * 1000);
    }
  }
  return new Map([...times].map(([key, values]) => [key, median(values)]));
}

/**
 * Request overhead: `getArchiveState` through our client, one `checkArchive` round, raw `fetch`
 * of the same URL, and googleapis, all against one emulator server in another process.
 *
 * @example
 * const sections = await requestOverheadSuite.run(context);
 */
export const requestOverheadSuite: Suite = {
  id: "request-overhead",
  title: "Request overhead",
  async run(context) {
    const calls = context.quick ? 50 : 300;
    // Loaded here so that other suites run even when a package is not built yet.
    const { checkArchive, createPortabilityClient } = await import("@dataportability/core");
    const { google } = await import("googleapis");
    const server = await startServerChild<EmulatorInfo>("emulator-server.mjs", {
      completeAfterPolls: 0,
      archivesPerJob: 2,
    });
    try {
      const { url, accessToken } = server.info;
      const client = createPortabilityClient({ auth: accessToken, baseUrl: url });
      const { archiveJobId } = await client.initiateArchive({ resources: ["myactivity.youtube"] });
      const first = await client.getArchiveState(archiveJobId);
      if (first.state !== "COMPLETE") throw new Error(`job is ${first.state}, expected COMPLETE`);

      const stateUrl = `${url}/v1/archiveJobs/${encodeURIComponent(archiveJobId)}/portabilityArchiveState`;
      const auth = new google.auth.OAuth2();
      auth.setCredentials({ access_token: accessToken, expiry_date: Date.now() + 3_600_000 });
      const dataportability = google.dataportability({ version: "v1", auth, rootUrl: `${url}/` });
      const name = `archiveJobs/${archiveJobId}/portabilityArchiveState`;

      const check = await dataportability.archiveJobs.getPortabilityArchiveState({ name });
      if (check.data.state !== "COMPLETE" || check.data.urls?.length !== first.urls.length) {
        throw new Error(`googleapis read ${JSON.stringify(check.data)}; expected the same state`);
      }
      const raw = (await (
        await fetch(stateUrl, { headers: { authorization: `Bearer ${accessToken}` } })
      ).json()) as { state?: string };
      if (raw.state !== "COMPLETE") throw new Error(`raw fetch read ${JSON.stringify(raw)}`);

      // A saved export whose check is due: each round reads the state once and steps.
      const now = new Date().toISOString();
      const saved = {
        version: 1 as const,
        jobId: archiveJobId,
        jobIds: [archiveJobId],
        retriesLeft: 0,
        lastState: undefined,
        checks: 0,
        startedAt: now,
        deadline: new Date(Date.now() + 7 * 86_400_000).toISOString(),
        nextCheckAt: now,
      };
      const round = await checkArchive(client, saved);
      if (!round.done) throw new Error("checkArchive did not see the COMPLETE job");

      const contenders: Record<string, () => Promise<unknown>> = {
        fetch: async () => {
          const response = await fetch(stateUrl, {
            headers: { authorization: `Bearer ${accessToken}` },
          });
          if (!response.ok) throw new Error(`raw fetch: HTTP ${response.status}`);
          return response.json();
        },
        core: () => client.getArchiveState(archiveJobId),
        checkArchive: () => checkArchive(client, saved),
        googleapis: () => dataportability.archiveJobs.getPortabilityArchiveState({ name }),
      };
      await runRound(Math.ceil(calls / 5), contenders); // warm-up: connections, JIT
      const values = new Map<string, number[]>(Object.keys(contenders).map((k) => [k, []]));
      for (let run = 0; run < context.runs; run++) {
        const round = await runRound(calls, contenders);
        for (const [key, us] of round) values.get(key)!.push(us);
        context.log(
          `request overhead run ${run + 1}: ${[...round].map(([key, us]) => `${key} ${us.toFixed(0)} µs`).join(", ")}`,
        );
      }
      const fetchValues = values.get("fetch")!;
      const coreValues = values.get("core")!;
      const stepValues = values.get("checkArchive")!;
      const googleValues = values.get("googleapis")!;
      const figures: Figure[] = [
        {
          key: "fetch",
          label: "raw `fetch` + `response.json()` (baseline)",
          unit: "µs/call",
          values: fetchValues,
        },
        {
          key: "core",
          label: "`client.getArchiveState(jobId)` (@dataportability/core)",
          unit: "µs/call",
          values: coreValues,
        },
        {
          key: "check-archive",
          label:
            "`checkArchive(client, saved)`: one round of the export step (@dataportability/core)",
          unit: "µs/call",
          values: stepValues,
        },
        {
          key: "googleapis",
          label: "`archiveJobs.getPortabilityArchiveState` (googleapis)",
          unit: "µs/call",
          values: googleValues,
        },
      ];
      return [
        {
          title: "Request overhead: getArchiveState",
          method: `One COMPLETE job (2 signed URLs) on the emulator server (\`@dataportability/msw/node\`, 127.0.0.1, its own process). Each run makes ${calls} sequential calls per contender, the four taking turns call by call (the order rotates), and keeps each one's median call time. All use keep-alive connections and parse the JSON; ours also validates the job ID, maps the state and parses dates, and \`checkArchive\` also checks the saved export and runs \`nextExportStep\` on the answer; googleapis goes through gaxios and google-auth-library's OAuth2 client with a preset access token.`,
          figures,
          ratios: [
            {
              label: "core ÷ raw fetch",
              values: pairedRatios(coreValues, fetchValues),
              aim: { op: "<=", value: 1.15 },
            },
            {
              label: "checkArchive round ÷ raw fetch",
              values: pairedRatios(stepValues, fetchValues),
              aim: { op: "<=", value: 1.15 },
            },
            { label: "googleapis ÷ raw fetch", values: pairedRatios(googleValues, fetchValues) },
            { label: "googleapis ÷ core", values: pairedRatios(googleValues, coreValues) },
          ],
          notes: [
            `Added time per call over raw fetch (median of run-by-run differences): core ${median(coreValues.map((v, i) => v - fetchValues[i]!)).toFixed(0)} µs, googleapis ${median(googleValues.map((v, i) => v - fetchValues[i]!)).toFixed(0)} µs. The emulator's own handling dominates the baseline, so ratios against a real, slower server would be closer to 1.`,
          ],
        },
      ];
    } finally {
      await server.stop();
    }
  },
};
