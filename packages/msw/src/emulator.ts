import type { Resource } from "@dataportability/spec";
import type { HttpHandler } from "msw";
import { apiHandlers } from "./api-handlers.js";
import { sha256OfArchive } from "./archive-digest.js";
import { type ArchiveRef, ArchiveStore } from "./archive-store.js";
import type { EmulatorContext } from "./emulator-context.js";
import {
  type ConsentScript,
  type EmulatorOptions,
  resolveEmulatorOptions,
  validateConsent,
} from "./emulator-options.js";
import { FaultInjector } from "./fault-injector.js";
import type { FaultSpec } from "./fault-spec.js";
import { type AccessType, GrantStore } from "./grant-store.js";
import { type JobRecord, type JobState, JobStore } from "./job-store.js";
import { oauthHandlers, scopeString } from "./oauth-handlers.js";
import { RequestLog, type RequestLogEntry } from "./request-log.js";
import { SeededRandom } from "./seeded-random.js";
import { UrlSigner } from "./signed-url.js";
import { storageHandlers } from "./storage-handlers.js";
import { zipChunks } from "./stored-zip.js";
import type { VirtualClock } from "./virtual-clock.js";

/**
 * What {@link Emulator.issueToken} grants.
 *
 * @example
 * ```ts
 * const options: IssueTokenOptions = { resources: ["myactivity.youtube"], accessType: "TIME_BASED", days: 30 };
 * ```
 */
export interface IssueTokenOptions {
  readonly resources: readonly Resource[];
  /** Default `"ONE_TIME"`. */
  readonly accessType?: AccessType;
  /** Time-based consent length; default 30. */
  readonly days?: 30 | 180;
  /** Access token lifetime; default the emulator's `accessTokenTtlMs` (1 hour). */
  readonly expiresInMs?: number;
  /** Default `"user-1"`. */
  readonly user?: string;
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
  readonly accessToken: string;
  readonly refreshToken: string;
  readonly expiresAt: Date;
  /** Granted scopes, space-separated. */
  readonly scope: string;
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
  readonly id: string;
  readonly name: string;
  readonly state: JobState;
  readonly resources: readonly Resource[];
  readonly accessType: AccessType;
  readonly user: string;
  readonly startTime?: string;
  readonly endTime?: string;
  readonly exportTime: Date;
  readonly createdAt: Date;
  readonly settledAt?: Date;
  /** State reads so far. */
  readonly polls: number;
  /** Retries used by this job's chain (counted on its first job). */
  readonly retries: number;
  readonly retryOf?: string;
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
  readonly objectPath: string;
  readonly size: number;
  /** Hex SHA-256 of the whole object. */
  readonly sha256: string;
  /** Base64 big-endian CRC-32C, as in `x-goog-hash`. */
  readonly crc32c: string;
  /** Base64 MD5, as in `x-goog-hash`; absent for composite objects. */
  readonly md5?: string;
  readonly entries: readonly {
    readonly name: string;
    readonly size: number;
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
  readonly clock: VirtualClock;
  readonly apiUrl: string;
  readonly storageUrl: string;
  readonly oauthUrl: string;
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
  /** A stream of bytes [start, end) of an archive, generated on demand. */
  archiveStream(url: string, start?: number, end?: number): Promise<ReadableStream<Uint8Array>>;
  /** How many users have consented so far. */
  readonly userCount: number;
}

/**
 * Creates a stateful emulator of the Data Portability API, its signed-URL storage and Google's
 * OAuth endpoints, driven by a virtual clock and optional faults.
 *
 * @example
 * ```ts
 * import { setupServer } from "msw/node";
 * const emulator = createEmulator({ completeAfterPolls: 1 });
 * const server = setupServer(...emulator.handlers);
 * server.listen({ onUnhandledRequest: "error" });
 * const { accessToken } = emulator.issueToken({ resources: ["myactivity.youtube"] });
 * ```
 */
export function createEmulator(options: EmulatorOptions = {}): Emulator {
  const resolved = resolveEmulatorOptions(options);
  const random = new SeededRandom(resolved.seed);
  const signer = new UrlSigner(
    `GOOG1E${new SeededRandom(resolved.seed + 1).token(30).toUpperCase().replace(/[-_]/g, "X")}`,
    new SeededRandom(resolved.seed + 2).token(40),
  );
  const ctx: EmulatorContext = {
    options: resolved,
    clock: resolved.clock,
    random,
    grants: new GrantStore(random),
    jobs: new JobStore(random),
    archives: new ArchiveStore({
      seed: resolved.seed,
      storageUrl: resolved.storageUrl,
      archiveBytes: resolved.archiveBytes,
      archivesPerJob: resolved.archivesPerJob,
      compositeAboveBytes: resolved.compositeAboveBytes,
      signer,
    }),
    faults: new FaultInjector(resolved.seed, resolved.faults),
    log: new RequestLog(resolved.requestLogLimit),
    codes: new Map(),
    signer,
    consent: resolved.consent,
  };
  const clock = resolved.clock;
  const rule = {
    completeAfterPolls: resolved.completeAfterPolls,
    completeAfterMs: resolved.completeAfterMs,
  };
  const trim = (url: string) => url.replace(/\/+$/, "");

  const snapshot = (job: JobRecord): JobSnapshot => ({
    id: job.id,
    name: `archiveJobs/${job.id}/portabilityArchiveState`,
    state: job.state,
    resources: job.resources,
    accessType: job.accessType,
    user: job.user.id,
    ...(job.startTime ? { startTime: job.startTime } : {}),
    ...(job.endTime ? { endTime: job.endTime } : {}),
    exportTime: new Date(job.exportTimeMs),
    createdAt: new Date(job.createdAtMs),
    ...(job.settledAtMs !== undefined ? { settledAt: new Date(job.settledAtMs) } : {}),
    polls: job.polls,
    retries: (ctx.jobs.get(job.rootId) ?? job).retries,
    ...(job.retryOf ? { retryOf: job.retryOf } : {}),
    rootJobId: job.rootId,
    urls: job.state === "COMPLETE" ? ctx.archives.signedUrls(job, clock.nowMs()) : [],
  });
  const force = (id: string, state: "COMPLETE" | "FAILED"): JobSnapshot => {
    const job = ctx.jobs.get(id);
    if (!job) throw new Error(`No archive job with ID ${JSON.stringify(id)}`);
    if (job.state !== state) {
      if (job.state !== "IN_PROGRESS") {
        throw new Error(
          `Archive job ${id} is ${job.state}; only IN_PROGRESS jobs can be moved to ${state}`,
        );
      }
      ctx.jobs.finish(job, state, clock.nowMs());
    }
    return snapshot(job);
  };
  const refOf = (url: string): ArchiveRef => {
    const ref = URL.canParse(url) ? ctx.archives.refOfUrl(new URL(url)) : undefined;
    if (!ref) throw new TypeError(`Not an archive URL of this emulator: ${url.split("?")[0]}`);
    return ref;
  };

  return {
    handlers: [...oauthHandlers(ctx), ...storageHandlers(ctx), ...apiHandlers(ctx)],
    clock,
    apiUrl: trim(resolved.apiUrl),
    storageUrl: trim(resolved.storageUrl),
    oauthUrl: trim(resolved.oauthUrl),
    accountsUrl: trim(resolved.accountsUrl),
    authorizeUrl: `${trim(resolved.accountsUrl)}/o/oauth2/v2/auth`,
    tokenUrl: `${trim(resolved.oauthUrl)}/token`,
    revokeUrl: `${trim(resolved.oauthUrl)}/revoke`,
    issueToken(o) {
      if (!Array.isArray(o?.resources) || o.resources.length === 0) {
        throw new TypeError(
          'issueToken: resources must list at least one resource, such as "myactivity.youtube"',
        );
      }
      validateConsent({
        grant: o.resources,
        ...(o.accessType ? { accessType: o.accessType } : {}),
        ...(o.days ? { days: o.days } : {}),
      });
      const now = clock.nowMs();
      const user = o.user ?? "user-1";
      const grant = ctx.grants.createGrant({
        userId: user,
        clientId: o.clientId ?? "emulator-client",
        resources: o.resources,
        accessType: o.accessType ?? "ONE_TIME",
        ...(o.days ? { days: o.days } : {}),
        nowMs: now,
        offline: true,
      });
      const { token, expiresAtMs } = ctx.grants.issueAccessToken(
        grant,
        now,
        o.expiresInMs ?? resolved.accessTokenTtlMs,
      );
      return {
        accessToken: token,
        refreshToken: grant.refreshToken!,
        expiresAt: new Date(expiresAtMs),
        scope: scopeString(grant.resources),
        user,
      };
    },
    revokeToken(token) {
      const grant = ctx.grants.grantOfToken(token);
      if (!grant || grant.revoked) return false;
      ctx.grants.revoke(grant);
      return true;
    },
    job(id) {
      const job = ctx.jobs.get(id);
      if (!job) return undefined;
      ctx.jobs.settle(job, clock.nowMs(), false, rule);
      return snapshot(job);
    },
    jobs() {
      return [...ctx.jobs.all()].map((job) => {
        ctx.jobs.settle(job, clock.nowMs(), false, rule);
        return snapshot(job);
      });
    },
    completeJob: (id) => force(id, "COMPLETE"),
    failJob: (id) => force(id, "FAILED"),
    get faults() {
      return ctx.faults.list();
    },
    setFaults: (faults) => ctx.faults.set(faults),
    setConsent(consent) {
      validateConsent(consent);
      ctx.consent = consent;
    },
    get requests() {
      return ctx.log.entries;
    },
    clearRequests: () => ctx.log.clear(),
    async expectedArchive(url) {
      const ref = refOf(url);
      const plan = ctx.archives.plan(ref);
      const digest = await ctx.archives.digest(ref);
      return {
        objectPath: ref.objectPath,
        size: digest.size,
        sha256: await sha256OfArchive(plan, digest.crc32s),
        crc32c: digest.crc32c,
        ...(digest.md5 ? { md5: digest.md5 } : {}),
        entries: plan.entries.map((e, i) => ({
          name: e.name,
          size: e.size,
          crc32: digest.crc32s[i]!,
        })),
      };
    },
    async prepareArchive(url) {
      const ref = refOf(url);
      const digest = await ctx.archives.digest(ref);
      return {
        objectPath: ref.objectPath,
        size: digest.size,
        crc32c: digest.crc32c,
        ...(digest.md5 ? { md5: digest.md5 } : {}),
      };
    },
    async archiveBytes(url) {
      const ref = refOf(url);
      const plan = ctx.archives.plan(ref);
      const digest = await ctx.archives.digest(ref);
      const out = new Uint8Array(plan.size);
      let offset = 0;
      for (const chunk of zipChunks(plan, digest.crc32s, 0, plan.size)) {
        out.set(chunk, offset);
        offset += chunk.length;
      }
      return out;
    },
    async archiveStream(url, start = 0, end) {
      const ref = refOf(url);
      const plan = ctx.archives.plan(ref);
      const digest = await ctx.archives.digest(ref);
      const chunks = zipChunks(plan, digest.crc32s, start, end ?? plan.size);
      return new ReadableStream<Uint8Array>({
        pull(controller) {
          const next = chunks.next();
          if (next.done) controller.close();
          else controller.enqueue(next.value);
        },
      });
    },
    get userCount() {
      return ctx.grants.userCount;
    },
  };
}
