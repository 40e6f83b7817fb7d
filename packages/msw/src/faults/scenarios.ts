import type { EmulatorOptions } from "../emulator/emulator-options.js";

/**
 * A named preset of emulator options, for the bin's `--scenario` and for quick tests.
 *
 * @example
 * ```ts
 * const scenario: Scenario = SCENARIOS.flaky;
 * createEmulator(scenario.options);
 * ```
 */
export interface Scenario {
  /** What the preset does. */
  readonly description: string;
  /** Options to pass to `createEmulator`. */
  readonly options: EmulatorOptions;
}

/**
 * The name of a preset in {@link SCENARIOS}.
 *
 * @example
 * ```ts
 * const name: ScenarioName = "reset-download";
 * ```
 */
export type ScenarioName =
  | "happy"
  | "slow"
  | "flaky"
  | "failing"
  | "rate-limited"
  | "reset-download"
  | "expiring-urls"
  | "partial-consent"
  | "time-based";

/**
 * Named presets: `happy` (default), `slow`, `flaky`, `failing`, `rate-limited`,
 * `reset-download`, `expiring-urls`, `partial-consent`, `time-based`.
 *
 * @example
 * ```ts
 * createEmulator({ ...SCENARIOS.flaky.options, seed: 7 });
 * ```
 */
export const SCENARIOS: Readonly<Record<ScenarioName, Scenario>> = {
  happy: { description: "Every call succeeds; jobs complete after 2 state reads.", options: {} },
  slow: {
    description: "Jobs stay IN_PROGRESS for 10 state reads; every answer takes 200 ms.",
    options: { completeAfterPolls: 10, faults: [{ name: "latency", ms: 200 }] },
  },
  flaky: {
    description:
      "About 1 in 5 API calls is rate-limited (Retry-After: 1), 1 in 10 gets a 503, one gets an HTML proxy page, and the first download breaks half-way.",
    options: {
      faults: [
        { name: "rate-limit", probability: 0.2, retryAfterSeconds: 1 },
        { name: "server-error", probability: 0.1, status: 503 },
        { name: "html-proxy-page", times: 1, skip: 2 },
        { name: "reset-mid-download", times: 1 },
      ],
    },
  },
  failing: {
    description: "The first job fails; retrying it works.",
    options: { faults: [{ name: "job-fails", times: 1 }] },
  },
  "rate-limited": {
    description: "The first 3 API calls get 429 with Retry-After: 2.",
    options: { faults: [{ name: "rate-limit", times: 3, retryAfterSeconds: 2 }] },
  },
  "reset-download": {
    description: "Every first download of an archive breaks after 32 KiB; resume it with Range.",
    options: { faults: [{ name: "reset-mid-download", afterBytes: 32 * 1024, times: 1 }] },
  },
  "expiring-urls": {
    description: "Signed URLs stop working 60 seconds after they are issued.",
    options: { faults: [{ name: "early-url-expiry", afterMs: 60_000 }] },
  },
  "partial-consent": {
    description: "The consent screen grants only myactivity.youtube of the requested scopes.",
    options: { consent: { grant: ["myactivity.youtube"] } },
  },
  "time-based": {
    description: "The consent screen grants time-based access for 30 days.",
    options: { consent: { accessType: "TIME_BASED", days: 30 } },
  },
};
