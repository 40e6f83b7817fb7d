import { RESOURCES, type Resource } from "@dataportability/spec";
import type { AccessType } from "../api/grant-store.js";
import { MAX_ARCHIVE_BYTES, MIN_ARCHIVE_BYTES } from "../archive/archive-plan.js";
import { VirtualClock } from "../clock/virtual-clock.js";
import type { FaultSpec } from "../faults/fault-spec.js";
import { validateFaults } from "../faults/fault-spec.js";
import { DEFAULT_API_URL } from "../handlers/operation-path.js";

/**
 * What the scripted user does on the consent screen of the authorization endpoint.
 *
 * @example
 * ```ts
 * const partial: ConsentScript = { grant: ["myactivity.youtube"], accessType: "TIME_BASED", days: 30 };
 * ```
 */
export interface ConsentScript {
  /** `"all"` (default) grants every requested scope; a list grants only those of it requested; `"deny"` refuses. */
  readonly grant?: "all" | "deny" | readonly Resource[];
  /** Default `"ONE_TIME"`. */
  readonly accessType?: AccessType;
  /** For time-based access; default 30. */
  readonly days?: 30 | 180;
  /**
   * With `accessType: "TIME_BASED"`, resources the user grants one-time only: a consent that
   * mixes both, as Google's time-based guide allows per resource. `accessType.check` lists
   * each in its own list, and initiate applies each resource's own rule.
   */
  readonly oneTimeResources?: readonly Resource[];

  /** Who consents; default `"user-1"`. */
  readonly user?: string;
  /** Refresh tokens of an app in "Testing" status expire after 7 days. */
  readonly testingApp?: boolean;
}

/**
 * Options of `createEmulator`. Every one is optional.
 *
 * @example
 * ```ts
 * const options: EmulatorOptions = { completeAfterPolls: 1, archiveBytes: 1024 * 1024, faults: [{ name: "rate-limit", times: 1 }] };
 * ```
 */
export interface EmulatorOptions {
  /** Default: a clock at the real current time that moves only when advanced. */
  readonly clock?: VirtualClock;
  /** Default `https://dataportability.googleapis.com`. */
  readonly apiUrl?: string;
  /** Where signed URLs point; default `https://storage.googleapis.com`. */
  readonly storageUrl?: string;
  /** Token, revoke and tokeninfo endpoints; default `https://oauth2.googleapis.com`. */
  readonly oauthUrl?: string;
  /** Authorization endpoint origin (`/o/oauth2/v2/auth`); default `https://accounts.google.com`. */
  readonly accountsUrl?: string;
  /** A job stays IN_PROGRESS for this many state reads; default 2. */
  readonly completeAfterPolls?: number;
  /** Alternative: a job completes once this much virtual time has passed. */
  readonly completeAfterMs?: number;
  /** Approximate size of each archive, 1 KiB to ~4 GB; default 64 KiB. */
  readonly archiveBytes?: number;
  /** Archives (zip files, so URLs) per COMPLETE job, each holding part of every resource; default 1. */
  readonly archivesPerJob?: number;
  /** Archives above this size are served as composite objects (no MD5 in `x-goog-hash`); default 64 MiB. */
  readonly compositeAboveBytes?: number;
  /** Seeds IDs, tokens, content and random faults; default 1. */
  readonly seed?: number;
  /** Faults in force from the start; see `FaultSpec`. */
  readonly faults?: readonly FaultSpec[];
  /** The consent screen's scripted answer; default grant all, one-time. */
  readonly consent?: ConsentScript;
  /** Access token lifetime; default 1 hour. */
  readonly accessTokenTtlMs?: number;
  /** How latency faults wait; default a real timer. Pass `clock.sleep` to keep tests instant. */
  readonly sleep?: (ms: number) => Promise<void>;
  /** Retries allowed per job without new consent; default 3. */
  readonly maxRetries?: number;
  /** How long archives are kept after completion; default 14 days. */
  readonly retentionMs?: number;
  /** Request log size; default 1000 entries. */
  readonly requestLogLimit?: number;
  /**
   * How a second time-based export within 24 hours is refused. Google's pages disagree: its
   * time-based guide names `FAILED_PRECONDITION`
   * (https://developers.google.com/data-portability/user-guide/time-based), while clients that
   * ran against the API read 429 `RESOURCE_EXHAUSTED`. Both carry the `ErrorInfo` reason
   * `RESOURCE_EXHAUSTED_TIME_BASED` with `timestamp_after_24hrs`. Default `"RESOURCE_EXHAUSTED"`.
   */
  readonly timeBasedRefusal?: TimeBasedRefusal;
  /**
   * OAuth clients of the "Web application" type, by client ID, with their secrets. Google's
   * token endpoint requires a web client's secret (https://developers.google.com/identity/protocols/oauth2/web-server),
   * so a browser-only app needs a backend for the exchange; the emulator refuses these clients
   * without their secret the same way. Other client IDs need no secret (the emulator's choice,
   * so tests of installed apps need none). Default none.
   */
  readonly webClients?: Readonly<Record<string, string>>;
}

/**
 * The status a time-based export within 24 hours of the last one is refused with: 429
 * `RESOURCE_EXHAUSTED` (the default) or 400 `FAILED_PRECONDITION`.
 *
 * @example
 * ```ts
 * const emulator = createEmulator({ timeBasedRefusal: "FAILED_PRECONDITION" });
 * ```
 */
export type TimeBasedRefusal = "RESOURCE_EXHAUSTED" | "FAILED_PRECONDITION";

/** Options with defaults applied. */
export type ResolvedEmulatorOptions = Required<
  Omit<EmulatorOptions, "completeAfterMs" | "faults">
> & {
  readonly completeAfterMs?: number;
  readonly faults: readonly FaultSpec[];
};

function positiveInteger(
  name: string,
  value: number | undefined,
  fallback: number,
  min = 0,
): number {
  if (value === undefined) return fallback;
  if (!Number.isInteger(value) || value < min) {
    throw new TypeError(
      `createEmulator: ${name} must be an integer >= ${min}, got ${String(value)}`,
    );
  }
  return value;
}

/**
 * Applies defaults and checks every option, throwing a TypeError that names the bad option.
 *
 * @example
 * ```ts
 * resolveEmulatorOptions({ archiveBytes: 1 }); // throws: archiveBytes must be between 1024 and 4000000000
 * ```
 */
export function resolveEmulatorOptions(options: EmulatorOptions = {}): ResolvedEmulatorOptions {
  const archiveBytes = options.archiveBytes ?? 64 * 1024;
  if (
    !Number.isFinite(archiveBytes) ||
    archiveBytes < MIN_ARCHIVE_BYTES ||
    archiveBytes > MAX_ARCHIVE_BYTES
  ) {
    throw new TypeError(
      `createEmulator: archiveBytes must be between ${MIN_ARCHIVE_BYTES} and ${MAX_ARCHIVE_BYTES}, got ${archiveBytes}`,
    );
  }
  for (const name of ["apiUrl", "storageUrl", "oauthUrl", "accountsUrl"] as const) {
    const value = options[name];
    if (value !== undefined && !URL.canParse(value)) {
      throw new TypeError(
        `createEmulator: ${name} must be an absolute URL, got ${JSON.stringify(value)}`,
      );
    }
  }
  const webClients = options.webClients ?? {};
  if (
    typeof webClients !== "object" ||
    Object.values(webClients).some((secret) => typeof secret !== "string" || secret === "")
  ) {
    throw new TypeError("createEmulator: webClients must map client IDs to non-empty secrets");
  }
  const timeBasedRefusal = options.timeBasedRefusal ?? "RESOURCE_EXHAUSTED";
  if (timeBasedRefusal !== "RESOURCE_EXHAUSTED" && timeBasedRefusal !== "FAILED_PRECONDITION") {
    throw new TypeError(
      `createEmulator: timeBasedRefusal must be "RESOURCE_EXHAUSTED" or "FAILED_PRECONDITION", got ${JSON.stringify(timeBasedRefusal)}`,
    );
  }
  if (options.completeAfterMs !== undefined && !(options.completeAfterMs >= 0)) {
    throw new TypeError(
      `createEmulator: completeAfterMs must be >= 0, got ${options.completeAfterMs}`,
    );
  }
  const consent = options.consent ?? {};
  validateConsent(consent);
  validateFaults(options.faults ?? []);
  return {
    clock: options.clock ?? new VirtualClock(),
    apiUrl: options.apiUrl ?? DEFAULT_API_URL,
    storageUrl: options.storageUrl ?? "https://storage.googleapis.com",
    oauthUrl: options.oauthUrl ?? "https://oauth2.googleapis.com",
    accountsUrl: options.accountsUrl ?? "https://accounts.google.com",
    completeAfterPolls: positiveInteger("completeAfterPolls", options.completeAfterPolls, 2),
    ...(options.completeAfterMs !== undefined ? { completeAfterMs: options.completeAfterMs } : {}),
    archiveBytes: Math.floor(archiveBytes),
    archivesPerJob: positiveInteger("archivesPerJob", options.archivesPerJob, 1, 1),
    compositeAboveBytes: positiveInteger(
      "compositeAboveBytes",
      options.compositeAboveBytes,
      64 * 1024 * 1024,
    ),
    seed: positiveInteger("seed", options.seed, 1),
    faults: options.faults ?? [],
    consent,
    accessTokenTtlMs: positiveInteger("accessTokenTtlMs", options.accessTokenTtlMs, 3_600_000, 1),
    sleep: options.sleep ?? ((ms) => new Promise((resolve) => setTimeout(resolve, ms))),
    maxRetries: positiveInteger("maxRetries", options.maxRetries, 3),
    retentionMs: positiveInteger("retentionMs", options.retentionMs, 14 * 86_400_000),
    requestLogLimit: positiveInteger("requestLogLimit", options.requestLogLimit, 1000),
    timeBasedRefusal,
    webClients,
  };
}

/**
 * Checks a consent script, throwing a TypeError naming the bad field.
 *
 * @example
 * ```ts
 * validateConsent({ grant: ["myactivity.youtube"], accessType: "TIME_BASED", days: 180 });
 * ```
 */
export function validateConsent(consent: ConsentScript): void {
  const grant = consent.grant;
  if (grant !== undefined && grant !== "all" && grant !== "deny") {
    if (!Array.isArray(grant))
      throw new TypeError(`consent.grant must be "all", "deny" or a list of resources`);
    for (const r of grant) {
      if (!(RESOURCES as readonly string[]).includes(r))
        throw new TypeError(`consent.grant: unknown resource ${JSON.stringify(r)}`);
    }
  }
  if (
    consent.accessType !== undefined &&
    consent.accessType !== "ONE_TIME" &&
    consent.accessType !== "TIME_BASED"
  ) {
    throw new TypeError(
      `consent.accessType must be "ONE_TIME" or "TIME_BASED", got ${JSON.stringify(consent.accessType)}`,
    );
  }
  if (consent.oneTimeResources !== undefined) {
    if (
      !Array.isArray(consent.oneTimeResources) ||
      consent.oneTimeResources.some((r) => !(RESOURCES as readonly string[]).includes(r))
    ) {
      throw new TypeError("consent.oneTimeResources must be a list of known resources");
    }
    if (consent.accessType !== "TIME_BASED") {
      throw new TypeError(
        'consent.oneTimeResources mixes access types, so it needs accessType: "TIME_BASED"',
      );
    }
  }
  if (consent.days !== undefined && consent.days !== 30 && consent.days !== 180) {
    throw new TypeError(`consent.days must be 30 or 180, got ${String(consent.days)}`);
  }
}
