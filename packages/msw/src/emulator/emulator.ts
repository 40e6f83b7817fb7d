import type { Resource } from "@dataportability/spec";
import type { HttpHandler } from "msw";
import type { AccessType } from "../api/grant-store.js";
import type { JobState } from "../api/job-store.js";
import type { VirtualClock } from "../clock/virtual-clock.js";
import type { FaultSpec } from "../faults/fault-spec.js";
import type { ConsentScript } from "./emulator-options.js";
import type { RequestLogEntry } from "./request-log.js";

/**
 * What {@link Emulator.issueToken} grants.
 *
 * @example
 * ```ts
 * const options: IssueTokenOptions = { resources: ["myactivity.youtube"], accessType: "TIME_BASED", days: 30 };
 * ```
 */
export interface IssueTokenOptions {
  /** Resources the consent grants. */
  readonly resources: readonly Resource[];
  /** Default `"ONE_TIME"`. */
  readonly accessType?: AccessType;
  /** Time-based consent length; default 30. */
  readonly days?: 30 | 180;
  /**
   * With `accessType: "TIME_BASED"`, resources the user grants one-time only: a consent that
   * mixes both, as Google's time-based guide allows per resource. `accessType.check` lists
   * each in its own list, and initiate applies each resource's own rule.
   */
  readonly oneTimeResources?: readonly Resource[];
  /** Access token lifetime; default the emulator's `accessTokenTtlMs` (1 hour). */
  readonly expiresInMs?: number;
  /** Default `"user-1"`. */
  readonly user?: string;
  /** The OAuth client the consent is for; default `"emulator-client"`. */
  readonly clientId?: string;
}

/**
 * A consent's tokens, as the token endpoint would return them.
 *
 * @example
 * ```ts
 * const { accessToken, refreshToken, expiresAt, scope }: IssuedToken = emulator.issueToken({ resources: ["myactivity.youtube"] });
 * ```
 */
export interface IssuedToken {
  /** Bearer token for the API. */
  readonly accessToken: string;
  /** Refresh token for the token endpoint. */
  readonly refreshToken: string;
  /** When the access token stops working. */
  readonly expiresAt: Date;
  /** Granted scopes, space-separated. */
  readonly scope: string;
  /** Who consented. */
  readonly user: string;
}

/**
 * A read-only view of a job.
 *
 * @example
 * ```ts
 * const job: JobSnapshot | undefined = emulator.job(jobId);
 * job?.state; // "IN_PROGRESS" | "COMPLETE" | "FAILED" | "CANCELLED"
 * ```
 */
export interface JobSnapshot {
  /** The archive job ID. */
  readonly id: string;
  /** `archiveJobs/{id}/portabilityArchiveState`. */
  readonly name: string;
  /** Current state. */
  readonly state: JobState;
  /** Exported resources. */
  readonly resources: readonly Resource[];
  /** Access type of the consent that started it. */
  readonly accessType: AccessType;
  /** Who started it. */
  readonly user: string;
  /** `startTime` of the request, if given. */
  readonly startTime?: string;
  /** `endTime` of the request, if given. */
  readonly endTime?: string;
  /** `endTime`, or when it was requested. */
  readonly exportTime: Date;
  /** When it was started. */
  readonly createdAt: Date;
  /** When it left IN_PROGRESS. */
  readonly settledAt?: Date;
  /** State reads so far. */
  readonly polls: number;
  /** Retries used by this job's chain (counted on its first job). */
  readonly retries: number;
  /** The FAILED job this one retries. */
  readonly retryOf?: string;
  /** The first job of its retry chain. */
  readonly rootJobId: string;
  /** Freshly signed URLs when COMPLETE, else empty. */
  readonly urls: readonly string[];
}

/**
 * The exact bytes an archive URL serves, to compare downloads against.
 *
 * @example
 * ```ts
 * const expected: ExpectedArchive = await emulator.expectedArchive(url);
 * expect(sha256(downloaded)).toBe(expected.sha256);
 * ```
 */
export interface ExpectedArchive {
  /** Path of the object under the storage URL. */
  readonly objectPath: string;
  /** Size in bytes. */
  readonly size: number;
  /** Hex SHA-256 of the whole object. */
  readonly sha256: string;
  /** Base64 big-endian CRC-32C, as in `x-goog-hash`. */
  readonly crc32c: string;
  /** Base64 MD5, as in `x-goog-hash`; absent for composite objects. */
  readonly md5?: string;
  /** The zip entries, in order. */
  readonly entries: readonly {
    /** Path inside the zip. */
    readonly name: string;
    /** Uncompressed (and stored) size in bytes. */
    readonly size: number;
    /** CRC-32 of the entry, as the zip stores it. */
    readonly crc32: number;
  }[];
}

/**
 * A running emulator: MSW handlers plus the state behind them.
 *
 * @example
 * ```ts
 * const emulator: Emulator = createEmulator();
 * setupServer(...emulator.handlers).listen();
 * ```
 */
export interface Emulator {
  /** Every handler: OAuth, storage and API. Pass to `setupServer(...)` or `setupWorker(...)`. */
  readonly handlers: readonly HttpHandler[];
  /** The clock every time is read from. */
  readonly clock: VirtualClock;
  /** API base URL. */
  readonly apiUrl: string;
  /** Where signed URLs point. */
  readonly storageUrl: string;
  /** Base of the token, revoke and tokeninfo endpoints. */
  readonly oauthUrl: string;
  /** Origin of the authorization endpoint. */
  readonly accountsUrl: string;
  /** `{accountsUrl}/o/oauth2/v2/auth`. */
  readonly authorizeUrl: string;
  /** `{oauthUrl}/token`. */
  readonly tokenUrl: string;
  /** `{oauthUrl}/revoke`. */
  readonly revokeUrl: string;
  /** Records a consent and returns its tokens, as if the user had gone through OAuth. */
  issueToken(options: IssueTokenOptions): IssuedToken;
  /** Revokes the consent of an access or refresh token; false if unknown. */
  revokeToken(token: string): boolean;
  /** A job by ID (its state settled to the current virtual time, without counting a poll). */
  job(id: string): JobSnapshot | undefined;
  /** Every job, oldest first. */
  jobs(): JobSnapshot[];
  /** Moves an IN_PROGRESS job to COMPLETE now (no-op if already COMPLETE; throws otherwise). */
  completeJob(id: string): JobSnapshot;
  /** Moves an IN_PROGRESS job to FAILED now (no-op if already FAILED; throws otherwise). */
  failJob(id: string): JobSnapshot;
  /** The faults in force. */
  readonly faults: readonly FaultSpec[];
  /** Replaces the faults (and resets their counters). */
  setFaults(faults: readonly FaultSpec[]): void;
  /** Changes what the consent screen of the authorization endpoint answers. */
  setConsent(consent: ConsentScript): void;
  /** Recent requests (URLs redacted). */
  readonly requests: readonly RequestLogEntry[];
  /** Forgets the logged requests. */
  clearRequests(): void;
  /** Size, SHA-256, CRC-32C, MD5 and entries of the archive a signed URL serves. */
  expectedArchive(url: string): Promise<ExpectedArchive>;
  /**
   * Computes (once) the checksums an archive's download headers need, so its first download
   * starts at once; for multi-GB archives this streams the archive once. Returns what
   * {@link Emulator.expectedArchive} does, without `sha256` and `entries`.
   */
  prepareArchive(url: string): Promise<Omit<ExpectedArchive, "sha256" | "entries">>;
  /** All bytes of an archive (keep to small archives). */
  archiveBytes(url: string): Promise<Uint8Array>;
  /**
   * A readable byte stream of bytes [start, end) of an archive, generated on demand: a BYOB
   * reader gets them in its own buffers, a default reader in fresh 64 KiB chunks.
   */
  archiveStream(url: string, start?: number, end?: number): Promise<ReadableStream<Uint8Array>>;
  /** How many users have consented so far. */
  readonly userCount: number;
}
