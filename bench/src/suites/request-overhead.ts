import type { Figure } from "../harness/figure.js";
import { type Contender, interleave, nowMs } from "../harness/interleave.js";
import { startServerChild } from "../harness/server-child.js";
import { median, pairedRatios } from "../harness/stats.js";
import type { Suite } from "../harness/suite.js";

interface EmulatorInfo {
  url: string;
  accessToken: string;
}

/** Runs `call` n times in a row; returns the median time of one call in microseconds. */
async function medianCallMicros(n: number, call: () => Promise<unknown>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < n; i++) {
    const start = nowMs();
    await call();
    times.push((nowMs() - start) * 1000);
  }
  return median(times);
}

/**
 * Request overhead: `getArchiveState` through our client, through raw `fetch` of the same URL,
 * and through googleapis, all against one emulator server in another process.
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
    const { createPortabilityClient } = await import("@dataportability/core");
    const { google } = await import("googleapis");
    const server = await startServerChild<EmulatorInfo>("emulator-server.ts", {
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

      const contenders: Contender[] = [
        {
          key: "fetch",
          run: () =>
            medianCallMicros(calls, async () => {
              const response = await fetch(stateUrl, {
                headers: { authorization: `Bearer ${accessToken}` },
              });
              if (!response.ok) throw new Error(`raw fetch: HTTP ${response.status}`);
              return response.json();
            }),
        },
        {
          key: "core",
          run: () => medianCallMicros(calls, () => client.getArchiveState(archiveJobId)),
        },
        {
          key: "googleapis",
          run: () =>
            medianCallMicros(calls, () =>
              dataportability.archiveJobs.getPortabilityArchiveState({ name }),
            ),
        },
      ];
      const values = await interleave(contenders, {
        runs: context.runs,
        onRun: (run, key, us) =>
          context.log(`request overhead ${key} run ${run + 1}: ${us.toFixed(0)} µs/call`),
      });
      const fetchValues = values.get("fetch")!;
      const coreValues = values.get("core")!;
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
          key: "googleapis",
          label: "`archiveJobs.getPortabilityArchiveState` (googleapis)",
          unit: "µs/call",
          values: googleValues,
        },
      ];
      return [
        {
          title: "Request overhead: getArchiveState",
          method: `One COMPLETE job (2 signed URLs) on the emulator server (\`@dataportability/msw/node\`, 127.0.0.1, its own process). Each run makes ${calls} sequential calls per contender and keeps the median call time; contenders alternate run by run. All three use keep-alive connections and parse the JSON; ours also validates the job ID, maps the state and parses dates; googleapis goes through gaxios and google-auth-library's OAuth2 client with a preset access token.`,
          figures,
          ratios: [
            {
              label: "core ÷ raw fetch",
              values: pairedRatios(coreValues, fetchValues),
              aim: { op: "<=", value: 1.15 },
            },
            { label: "googleapis ÷ raw fetch", values: pairedRatios(googleValues, fetchValues) },
            { label: "googleapis ÷ core", values: pairedRatios(googleValues, coreValues) },
          ],
          notes: [],
        },
      ];
    } finally {
      await server.stop();
    }
  },
};
