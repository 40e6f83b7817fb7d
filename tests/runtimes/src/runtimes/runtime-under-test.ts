import type { FlowBundles } from "../flow-bundles.js";
import type { FlowReport } from "../flow-report.js";

/** One runtime the flow runs in, and how to start it there. */
export interface RuntimeUnderTest {
  /** As users name it, e.g. `Deno`. */
  name: string;
  /** How the flow is loaded and started, for the runtimes page. */
  how: string;
  /** What `navigator.userAgent` must show where the flow ran (Node 20 has no `navigator`). */
  userAgent: RegExp;
  /** Runs the whole flow against the emulator at `emulatorUrl`. */
  run(bundles: FlowBundles, emulatorUrl: string): Promise<FlowRun>;
}

/** The flow's report, and the runtime's version as the runtime itself tells it. */
export interface FlowRun {
  report: FlowReport;
  version: string;
}

/** The run of a report whose user agent names the version, such as `Deno/2.9.6`. */
export function withUserAgentVersion(report: FlowReport, product: string): FlowRun {
  const version = new RegExp(`${product}/([\\w.-]+)`).exec(report.userAgent)?.[1];
  if (!version) throw new Error(`no ${product} version in the user agent "${report.userAgent}"`);
  return { report, version };
}
