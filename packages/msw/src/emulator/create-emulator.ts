import { apiHandlers } from "../api/api-handlers.js";
import { GrantStore } from "../api/grant-store.js";
import { type JobRecord, JobStore } from "../api/job-store.js";
import { sha256OfArchive } from "../archive/archive-digest.js";
import { type ArchiveRef, ArchiveStore } from "../archive/archive-store.js";
import { readZip } from "../archive/stored-zip.js";
import { zipStream } from "../archive/zip-stream.js";
import { FaultInjector } from "../faults/fault-injector.js";
import { oauthHandlers } from "../oauth/oauth-handlers.js";
import { scopeString } from "../oauth/oauth-scopes.js";
import { UrlSigner } from "../storage/signed-url.js";
import { storageHandlers } from "../storage/storage-handlers.js";
import type { Emulator, JobSnapshot } from "./emulator.js";
import type { EmulatorContext } from "./emulator-context.js";
import {
  type EmulatorOptions,
  resolveEmulatorOptions,
  validateConsent,
} from "./emulator-options.js";
import { RequestLog } from "./request-log.js";
import { SeededRandom } from "./seeded-random.js";

/**
 * Creates a stateful emulator of the Data Portability API, its signed-URL storage and Google's
 * OAuth endpoints, driven by a virtual clock and optional faults.
 *
 * @remarks
 * It follows Google's pages (the methods guide, the REST reference, the time-based and
 * time-filter guides, the OAuth pages). Where Google publishes no answer, the answer is the
 * emulator's own choice, and code should not depend on its details: the `ErrorInfo` reasons
 * `JOB_NOT_FOUND`, `JOB_NOT_FAILED`, `RETRY_LIMIT_EXCEEDED` and `JOB_NOT_IN_PROGRESS` (and the
 * 404 for an unknown or revoked job), the storage refusal of an archive revoked by
 * `authorization.reset` (403 `AccessDenied`), the reason carried by the `FAILED_PRECONDITION`
 * form of the 24-hour refusal, the one-time access type reported for a job that mixes access
 * types, and the `Retry-After` of the `rate-limit` fault. The package README lists each rule
 * with the page behind it.
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
        ...(o.oneTimeResources ? { oneTimeResources: o.oneTimeResources } : {}),
        ...(o.days ? { days: o.days } : {}),
      });
      const now = clock.nowMs();
      const user = o.user ?? "user-1";
      const grant = ctx.grants.createGrant({
        userId: user,
        clientId: o.clientId ?? "emulator-client",
        resources: o.resources,
        accessType: o.accessType ?? "ONE_TIME",
        ...(o.oneTimeResources ? { oneTimeResources: o.oneTimeResources } : {}),
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
      readZip(plan, digest.crc32s, 0, out);
      return out;
    },
    async archiveStream(url, start = 0, end) {
      const ref = refOf(url);
      const plan = ctx.archives.plan(ref);
      const digest = await ctx.archives.digest(ref);
      return zipStream(plan, digest.crc32s, start, end ?? plan.size);
    },
    get userCount() {
      return ctx.grants.userCount;
    },
  };
}
