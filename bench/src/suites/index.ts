import type { Suite } from "../harness/suite.js";
import { archiveRecordsSuite } from "./archive-records.js";
import { cliStartupSuite } from "./cli-startup.js";
import { codegenSuite } from "./codegen.js";
import { downloadsSuite } from "./downloads.js";
import { emulatorMemorySuite } from "./emulator-memory.js";
import { externalSuite } from "./external.js";
import { footprintSuite } from "./footprint.js";
import { pollingCostSuite } from "./polling-cost.js";
import { requestOverheadSuite } from "./request-overhead.js";

/** Every suite, in the order BENCHMARKS.md lists them. */
export const SUITES: readonly Suite[] = [
  requestOverheadSuite,
  downloadsSuite,
  emulatorMemorySuite,
  pollingCostSuite,
  footprintSuite,
  cliStartupSuite,
  codegenSuite,
  archiveRecordsSuite,
  externalSuite("bullmq", "BullMQ: exports for many users"),
  externalSuite("web-server", "Web server: exports advanced by scheduler ticks"),
];
