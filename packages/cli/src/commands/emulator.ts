import type { FaultSpec, SCENARIOS, ScenarioName } from "@dataportability/msw";
import type { Command } from "commander";
import { usageError } from "../errors/cli-error.js";
import type { CliContext } from "../program/cli-context.js";
import { examples, wrap } from "../program/help-text.js";

interface EmulatorCommandOptions {
  port: string;
  scenario: string;
  archiveBytes?: string;
  archivesPerJob?: string;
  completeAfterPolls?: string;
  fault?: string[];
  seed?: string;
  json?: boolean;
}

/**
 * Adds `emulator`: serves the emulator (API, signed-URL storage, OAuth) on 127.0.0.1 until
 * Ctrl-C, for other terminals (`DATAPORTABILITY_EMULATOR_URL`) and other tools.
 *
 * @example
 * ```ts
 * registerEmulator(program, ctx); // dataportability emulator --port 8080 --scenario flaky
 * ```
 */
export function registerEmulator(
  program: Command,
  ctx: CliContext,
  presets: typeof SCENARIOS | undefined,
): void {
  const scenarios = Object.entries(presets ?? {})
    .map(([name, s]) => `  ${name.padEnd(16)} ${wrap(s.description, 78, 19)}`)
    .join("\n");
  program
    .command("emulator")
    .summary("serve the API emulator on 127.0.0.1")
    .description(
      "Serve the Data Portability API emulator on 127.0.0.1 (API, storage, OAuth) until Ctrl-C",
    )
    .option("-p, --port <port>", "port to listen on (0: any free port)", "0")
    .option("--scenario <name>", "a preset of behaviour (see below)", "happy")
    .option("--archive-bytes <size>", "approximate size of each archive (64KiB, 10MB, 1GiB)")
    .option("--archives-per-job <n>", "zip files per completed job")
    .option("--complete-after-polls <n>", "state reads before a job completes")
    .option(
      "--fault <spec...>",
      "add faults: name[:key=value,...], e.g. rate-limit:times=2,retryAfterSeconds=1",
    )
    .option("--seed <n>", "seed for IDs, tokens and content")
    .option(
      "--json",
      "print { url, storageUrl, oauthUrl, authorizeUrl, tokenUrl } as JSON once listening",
    )
    .addHelpText(
      "after",
      `${examples([
        ["dataportability emulator --port 8080", "serve it"],
        [
          "DATAPORTABILITY_EMULATOR_URL=http://127.0.0.1:8080 dataportability export -r myactivity.youtube",
          "use it",
        ],
        ["dataportability emulator --scenario flaky", "429s, 503s, broken downloads"],
      ])}

Scenarios:
${scenarios}

With DATAPORTABILITY_EMULATOR_URL set, every command signs in there with the real loopback OAuth
flow (consent is scripted) and jobs persist between commands while the emulator runs.`,
    )
    .action(async (options: EmulatorCommandOptions) => {
      const msw = await import("@dataportability/msw");
      const { createEmulatorServer, parseFault, parseSize } = await import(
        "@dataportability/msw/node"
      );
      const serverOptions = emulatorOptions(options, {
        SCENARIOS: msw.SCENARIOS,
        VirtualClock: msw.VirtualClock,
        parseFault,
        parseSize,
      });
      const server = await createEmulatorServer(serverOptions);
      const { out } = ctx;
      out.data({
        ok: true,
        url: server.url,
        storageUrl: server.storageUrl,
        oauthUrl: server.oauthUrl,
        authorizeUrl: server.authorizeUrl,
        tokenUrl: server.tokenUrl,
      });
      out.result(`Data Portability API emulator listening on ${out.c.bold(server.url)}`);
      out.result(`  API        ${server.url}/v1/…`);
      out.result(`  storage    ${server.storageUrl}`);
      out.result(`  authorize  ${server.authorizeUrl}`);
      out.result(`  token      ${server.tokenUrl}`);
      out.result(
        `  scenario   ${options.scenario}: ${msw.SCENARIOS[options.scenario as ScenarioName].description}`,
      );
      out.result("");
      out.result("Use it from another terminal:");
      out.result(`  export DATAPORTABILITY_EMULATOR_URL=${server.url}`);
      out.result("  dataportability export --resource myactivity.youtube");
      out.result(out.c.dim("Ctrl-C stops it."));
      await new Promise<void>((resolve) => {
        if (ctx.signal.aborted) return resolve();
        ctx.signal.addEventListener("abort", () => resolve(), { once: true });
      });
      await server.close();
      out.note("Emulator stopped.");
    });
}

interface EmulatorModules {
  SCENARIOS: typeof SCENARIOS;
  VirtualClock: typeof import("@dataportability/msw").VirtualClock;
  parseFault: typeof import("@dataportability/msw/node").parseFault;
  parseSize: typeof import("@dataportability/msw/node").parseSize;
}

function emulatorOptions(
  options: EmulatorCommandOptions,
  { SCENARIOS, VirtualClock, parseFault, parseSize }: EmulatorModules,
) {
  if (!(options.scenario in SCENARIOS)) {
    throw usageError(
      `Unknown scenario "${options.scenario}".`,
      `Choose one of: ${Object.keys(SCENARIOS).join(", ")}.`,
    );
  }
  const preset = SCENARIOS[options.scenario as ScenarioName].options as {
    faults?: readonly FaultSpec[];
  };
  const int = (name: string, value: string | undefined, min = 0) => {
    if (value === undefined) return undefined;
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) {
      throw usageError(`--${name} must be a whole number >= ${min}, got "${value}".`);
    }
    return n;
  };
  let archiveBytes: number | undefined;
  let faults: FaultSpec[];
  try {
    archiveBytes = options.archiveBytes ? parseSize(options.archiveBytes) : undefined;
    faults = [...(preset.faults ?? []), ...(options.fault ?? []).map(parseFault)];
  } catch (error) {
    throw usageError((error as Error).message);
  }
  const port = int("port", options.port);
  if (port !== undefined && port > 65_535) throw usageError(`--port ${port} is not a port.`);
  const archivesPerJob = int("archives-per-job", options.archivesPerJob, 1);
  const completeAfterPolls = int("complete-after-polls", options.completeAfterPolls);
  const seed = int("seed", options.seed);
  return {
    ...preset,
    faults,
    // Real time moves here: tokens, signed URLs and the 24-hour rule behave as at Google.
    clock: new VirtualClock(Date.now(), { ticking: true }),
    ...(port !== undefined ? { port } : {}),
    ...(archiveBytes !== undefined ? { archiveBytes } : {}),
    ...(archivesPerJob !== undefined ? { archivesPerJob } : {}),
    ...(completeAfterPolls !== undefined ? { completeAfterPolls } : {}),
    ...(seed !== undefined ? { seed } : {}),
  };
}
