import { chromiumRuntime } from "./chromium-runtime.js";
import { bunRuntime, denoRuntime, nodeRuntime } from "./command-line-runtimes.js";
import type { RuntimeUnderTest } from "./runtime-under-test.js";
import { workerdRuntime } from "./workerd-runtime.js";

export type { RuntimeUnderTest } from "./runtime-under-test.js";

/** Every runtime the README names for `@dataportability/core`, in the page's order. */
export const runtimesUnderTest: readonly RuntimeUnderTest[] = [
  nodeRuntime,
  denoRuntime,
  bunRuntime,
  workerdRuntime,
  chromiumRuntime,
];
