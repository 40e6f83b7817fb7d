import { join } from "node:path";
import { createEmulatorServer } from "@dataportability/msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildFlowBundles, type FlowBundles } from "../src/flow-bundles.js";
import { flowSteps } from "../src/flow-report.js";
import { runtimesUnderTest } from "../src/runtimes/index.js";
import { packageDir } from "../src/runtimes/package-dir.js";
import { type RuntimeRun, writeRuntimesPage } from "../src/runtimes-page.js";

/** The requests of the whole flow, as the emulator logs them. */
const emulatorSaw = [
  "GET authorize 302",
  "POST token 200",
  "POST token 200",
  "POST dataportability.accessType.check 200",
  "POST dataportability.portabilityArchive.initiate 403",
  "POST dataportability.portabilityArchive.initiate 200",
  "GET dataportability.archiveJobs.getPortabilityArchiveState 200",
  "GET dataportability.archiveJobs.getPortabilityArchiveState 200",
  "POST dataportability.portabilityArchive.initiate 200",
  "GET dataportability.archiveJobs.getPortabilityArchiveState 200",
  "GET dataportability.archiveJobs.getPortabilityArchiveState 200",
  "GET download 200",
  "POST revoke 200",
  "POST dataportability.accessType.check 401",
];

const runtimesPage = join(packageDir, "../../docs/guides/runtimes.md");
const runs = new Map<string, RuntimeRun>();
let bundles: FlowBundles;

beforeAll(async () => {
  bundles = await buildFlowBundles(join(packageDir, "dist"));
});

afterAll(async () => {
  // Only a run in which every runtime passed may speak for all of them.
  if (runs.size === runtimesUnderTest.length) {
    await writeRuntimesPage(
      runtimesPage,
      runtimesUnderTest.map((runtime) => runs.get(runtime.name)!),
    );
  }
});

describe.each(runtimesUnderTest)("$name", (runtime) => {
  it("runs core's whole flow against the emulator over HTTP", async () => {
    const server = await createEmulatorServer({ completeAfterPolls: 1, archiveBytes: 4096 });
    try {
      const { report, version } = await runtime.run(bundles, server.url);
      expect(report.steps.map((step) => step.name)).toEqual(Object.keys(flowSteps));
      expect(report.userAgent).toMatch(runtime.userAgent);
      // The emulator lives in this process: what it logged came over HTTP from the runtime.
      expect(
        server.emulator.requests.map(({ method, operation, status }) =>
          [method, operation, status].join(" "),
        ),
      ).toEqual(emulatorSaw);
      runs.set(runtime.name, { runtime, version, report });
    } finally {
      await server.close();
    }
  });
});
