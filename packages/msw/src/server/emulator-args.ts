import { parseArgs } from "node:util";
import { VirtualClock } from "../clock/virtual-clock.js";
import { FAULT_NAMES, type FaultSpec } from "../faults/fault-spec.js";
import { SCENARIOS, type ScenarioName } from "../faults/scenarios.js";
import type { EmulatorServerOptions } from "./emulator-server.js";

/**
 * Usage text of the `dataportability-emulator` bin.
 *
 * @example
 * ```ts
 * console.log(EMULATOR_USAGE);
 * ```
 */
export const EMULATOR_USAGE = `Usage: dataportability-emulator [options]

Serves an emulator of Google's Data Portability API, its signed-URL storage and OAuth
endpoints on 127.0.0.1, and prints its base URL on the first line of stdout.

Options:
  --port <n>                  port to listen on (default 0: any free port)
  --host <addr>               127.0.0.1 (default) or ::1
  --scenario <name>           ${Object.keys(SCENARIOS).join(", ")}
  --archive-bytes <size>      approximate size of each archive, e.g. 64KiB, 10MB, 1GiB (default 64KiB)
  --archives-per-job <n>      zip files per completed job (default 1)
  --complete-after-polls <n>  state reads before a job completes (default 2)
  --complete-after-ms <n>     complete jobs after this much time instead
  --seed <n>                  seed for IDs, tokens, content and random faults (default 1)
  --fault <spec>              add a fault, repeatable: name[:key=value,...], e.g.
                              rate-limit:times=2,retryAfterSeconds=1  or  reset-mid-download:afterBytes=1024
                              names: ${FAULT_NAMES.join(", ")}
  --frozen-clock              time moves only via POST /emulator/clock/advance (default: real time)
  -h, --help                  show this help`;

const UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  kb: 1e3,
  mb: 1e6,
  gb: 1e9,
  kib: 1024,
  mib: 1024 ** 2,
  gib: 1024 ** 3,
};

/**
 * Parses a size such as `64KiB`, `10MB` or `1073741824` into bytes.
 *
 * @example
 * ```ts
 * parseSize("1GiB"); // 1073741824
 * ```
 */
export function parseSize(text: string): number {
  const m = /^\s*(\d+(?:\.\d+)?)\s*([a-z]*)\s*$/i.exec(text);
  const unit = m ? UNITS[m[2]!.toLowerCase()] : undefined;
  if (!m || unit === undefined)
    throw new TypeError(
      `Invalid size ${JSON.stringify(text)}; use bytes or a unit: KiB, MiB, GiB, KB, MB, GB`,
    );
  return Math.round(Number(m[1]) * unit);
}

/**
 * Parses a fault given on the command line: `name[:key=value,...]`; numbers become numbers and
 * `match` takes `+`-separated targets.
 *
 * @example
 * ```ts
 * parseFault("server-error:status=503,times=3"); // { name: "server-error", status: 503, times: 3 }
 * ```
 */
export function parseFault(text: string): FaultSpec {
  const [name, rest = ""] = text.split(/:(.*)/s);
  const fault: Record<string, unknown> = { name };
  for (const pair of rest.split(",").filter(Boolean)) {
    const [key, value] = pair.split("=");
    if (!key || value === undefined)
      throw new TypeError(
        `Invalid fault option ${JSON.stringify(pair)} in ${JSON.stringify(text)}; use key=value`,
      );
    fault[key] =
      key === "match"
        ? value.includes("+")
          ? value.split("+")
          : value
        : /^-?\d+(\.\d+)?$/.test(value)
          ? Number(value)
          : value;
  }
  return fault as unknown as FaultSpec;
}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isInteger(n) || n < 0)
    throw new TypeError(`--${name} must be an integer >= 0, got ${JSON.stringify(value)}`);
  return n;
}

/**
 * What the bin's arguments ask for.
 *
 * @example
 * ```ts
 * const parsed: ParsedEmulatorArgs = parseEmulatorArgs(process.argv.slice(2));
 * ```
 */
export type ParsedEmulatorArgs =
  | {
      /** `-h` / `--help` was given. */
      readonly help: true;
    }
  | {
      /** No help asked. */
      readonly help: false;
      /** Options for `createEmulatorServer`. */
      readonly options: EmulatorServerOptions;
      /** The chosen preset. */
      readonly scenario: ScenarioName;
    };

/**
 * Turns the bin's arguments into server options (or a request for help).
 *
 * @example
 * ```ts
 * parseEmulatorArgs(["--port", "8080", "--scenario", "flaky"]);
 * ```
 */
export function parseEmulatorArgs(argv: readonly string[]): ParsedEmulatorArgs {
  const { values } = parseArgs({
    args: [...argv],
    strict: true,
    options: {
      port: { type: "string" },
      host: { type: "string" },
      scenario: { type: "string" },
      "archive-bytes": { type: "string" },
      "archives-per-job": { type: "string" },
      "complete-after-polls": { type: "string" },
      "complete-after-ms": { type: "string" },
      seed: { type: "string" },
      fault: { type: "string", multiple: true },
      "frozen-clock": { type: "boolean" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) return { help: true };
  const scenario = (values.scenario ?? "happy") as ScenarioName;
  if (!(scenario in SCENARIOS)) {
    throw new TypeError(
      `Unknown scenario ${JSON.stringify(values.scenario)}; choose one of: ${Object.keys(SCENARIOS).join(", ")}`,
    );
  }
  if (values.host !== undefined && values.host !== "127.0.0.1" && values.host !== "::1") {
    throw new TypeError(
      `--host must be 127.0.0.1 or ::1 (the emulator serves loopback only), got ${values.host}`,
    );
  }
  const preset = SCENARIOS[scenario].options as EmulatorServerOptions;
  const faults = [...(preset.faults ?? []), ...(values.fault ?? []).map(parseFault)];
  const port = integer("port", values.port);
  const archivesPerJob = integer("archives-per-job", values["archives-per-job"]);
  const completeAfterPolls = integer("complete-after-polls", values["complete-after-polls"]);
  const completeAfterMs = integer("complete-after-ms", values["complete-after-ms"]);
  const seed = integer("seed", values.seed);
  return {
    help: false,
    scenario,
    options: {
      ...preset,
      faults,
      clock: new VirtualClock(Date.now(), { ticking: values["frozen-clock"] !== true }),
      ...(port !== undefined ? { port } : {}),
      ...(values.host ? { host: values.host as "127.0.0.1" | "::1" } : {}),
      ...(values["archive-bytes"] ? { archiveBytes: parseSize(values["archive-bytes"]) } : {}),
      ...(archivesPerJob !== undefined ? { archivesPerJob } : {}),
      ...(completeAfterPolls !== undefined ? { completeAfterPolls } : {}),
      ...(completeAfterMs !== undefined ? { completeAfterMs } : {}),
      ...(seed !== undefined ? { seed } : {}),
    },
  };
}
