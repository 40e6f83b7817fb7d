import { binary, packageDir } from "./package-dir.js";
import { runFlowProgram } from "./run-program.js";
import { type RuntimeUnderTest, withUserAgentVersion } from "./runtime-under-test.js";

/** Node.js, the one running these tests, on the packages resolved from node_modules. */
export const nodeRuntime: RuntimeUnderTest = {
  name: "Node.js",
  how: "`node command-line.mjs`, packages resolved from node_modules",
  // Node 20 has no `navigator`; Node 21 and later say `Node.js/21`.
  userAgent: /^$|^Node\.js\//,
  run: async (bundles, url) => ({
    report: await runFlowProgram(process.execPath, [bundles.commandLine, url], packageDir),
    version: process.versions.node,
  }),
};

/** Deno (the `deno` npm package's binary), network limited to loopback. */
export const denoRuntime: RuntimeUnderTest = {
  name: "Deno",
  how: "`deno run --allow-net=127.0.0.1`, packages resolved from node_modules",
  userAgent: /^Deno\//,
  run: async (bundles, url) =>
    withUserAgentVersion(
      await runFlowProgram(
        binary("deno"),
        ["run", "--allow-net=127.0.0.1", "--no-prompt", bundles.commandLine, url],
        packageDir,
      ),
      "Deno",
    ),
};

/** Bun (the `bun` npm package's binary). */
export const bunRuntime: RuntimeUnderTest = {
  name: "Bun",
  how: "`bun command-line.mjs`, packages resolved from node_modules",
  userAgent: /^Bun\//,
  run: async (bundles, url) =>
    withUserAgentVersion(
      await runFlowProgram(binary("bun"), [bundles.commandLine, url], packageDir),
      "Bun",
    ),
};
