import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import path from "node:path";
import { checkArchive, type PortabilityClient } from "@dataportability/core";
import { OAuthError } from "@dataportability/core/oauth";
import { downloadArchive } from "@dataportability/node";
import pLimit from "p-limit";
import type { Google } from "../auth/google.js";
import type { TokenCipher } from "../auth/token-cipher.js";
import type { Accounts } from "../db/accounts.js";
import type { Database } from "../db/database.js";
import {
  type ClaimedExport,
  type ExportsStore,
  type ExportUpdate,
  exportsStore,
} from "../db/exports-store.js";
import { describeError, type Log } from "../logger.js";
import { exportProblem } from "./export-errors.js";
import { withDeadline } from "./with-deadline.js";

/** What one tick did. */
export interface TickResult {
  /** Exports claimed (each handled once). */
  claimed: number;
  /** `checkArchive` rounds made. */
  checked: number;
  /** Exports whose archives were stored. */
  downloaded: number;
  /** Consents reset after their archives were stored. */
  reset: number;
  /** Exports that stopped for good. */
  failed: number;
  /** Rounds whose result was not stored because another tick had taken the export over. */
  unsaved: number;
  /** Statements sent to the database during the tick (each one round trip). */
  roundTrips: number;
  /** How long the tick took. */
  ms: number;
  /** Set when the tick stopped on a database error; the next tick tries again. */
  error?: string;
}

/** Settings and parts of {@link createScheduler}. */
export interface SchedulerDeps {
  db: Database;
  exports: ExportsStore;
  accounts: Accounts;
  google: Google;
  cipher: TokenCipher;
  /** Archives go to `{archivesDir}/{userId}/{exportId}/`. */
  archivesDir: string;
  clock: () => Date;
  log: Log;
  /** How long a claim lasts without renewal; a process that dies frees its exports after it. Default 2 min. */
  leaseMs?: number;
  /** Exports claimed per statement. Default 50. */
  batchSize?: number;
  /** Exports handled at once. Default 16. */
  concurrency?: number;
  /** Wait after an error that may pass (network, 5xx, an interrupted download). Default 1 min. */
  retryDelayMs?: number;
  /**
   * A tick claims no new batch after this long, so that POST /tick answers an external cron in
   * time; what is still due waits for the next tick. Default 20 s.
   */
  tickBudgetMs?: number;
}

/**
 * The scheduler: each tick claims the due exports (FOR UPDATE SKIP LOCKED plus a lease),
 * runs one `checkArchive` round each, downloads completed archives, resets one-time consents
 * once every archive is stored, and stores the outcome. Ticks of one process never overlap;
 * ticks of several processes share the work.
 */
export function createScheduler(deps: SchedulerDeps) {
  const leaseMs = deps.leaseMs ?? 120_000;
  const batchSize = deps.batchSize ?? 50;
  const retryDelayMs = deps.retryDelayMs ?? 60_000;
  const tickBudgetMs = deps.tickBudgetMs ?? 20_000;
  const worker = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const clients = new Map<string, PortabilityClient>();
  const limit = pLimit(deps.concurrency ?? 16);
  let running: Promise<TickResult> | undefined;

  /** One client per consent, kept so that its access token is reused until it expires. */
  const clientFor = (item: ClaimedExport): PortabilityClient => {
    let client = clients.get(item.consent_id);
    if (!client) {
      const refreshToken = deps.cipher.decrypt(item.refresh_token_sealed ?? "", item.user_id);
      client = deps.google.clientFor({ refreshToken });
      if (clients.size >= 1000) clients.delete(clients.keys().next().value!);
    }
    clients.delete(item.consent_id);
    clients.set(item.consent_id, client);
    return client;
  };

  /** Keeps the claim alive while `work` runs; aborts `work` if the claim is lost. */
  const holdingClaim = async <T>(
    item: ClaimedExport,
    claim: string,
    work: (signal: AbortSignal) => Promise<T>,
  ): Promise<T> => {
    const lost = new AbortController();
    const renew = setInterval(() => {
      const until = new Date(deps.clock().getTime() + leaseMs);
      deps.exports.extendClaim(item.id, claim, until).then(
        (held) => held || lost.abort(new Error("the claim was taken over")),
        () => {}, // the database is away: the claim runs out and another tick resumes
      );
    }, leaseMs / 3);
    try {
      return await work(lost.signal);
    } finally {
      clearInterval(renew);
    }
  };

  const step = async (item: ClaimedExport, claim: string): Promise<ExportUpdate> => {
    const now = deps.clock();
    if (item.phase === "checking") {
      const round = await withDeadline(leaseMs / 2, (signal) =>
        checkArchive(clientFor(item), item.saved, { now, signal }),
      );
      const common = {
        saved: round.saved,
        jobId: round.saved.jobId,
        checked: true,
        dueAt: item.next_check_at,
        ...(round.state ? { jobState: round.state.state } : {}),
      };
      return round.done
        ? { ...common, phase: "downloading", nextCheckAt: now }
        : { ...common, phase: "checking", nextCheckAt: new Date(round.nextCheckAt) };
    }
    if (item.phase === "downloading") {
      const folder = path.join(deps.archivesDir, item.user_id, item.id);
      const result = await holdingClaim(item, claim, (signal) =>
        downloadArchive({ jobId: item.job_id ?? "", client: clientFor(item), folder, signal }),
      );
      const archives = result.files.map((file) => ({ name: file.name, bytes: file.bytes }));
      deps.log(`export ${item.id}: ${archives.length} archive(s) stored, ${result.bytes} bytes`);
      return item.access_type === "ONE_TIME"
        ? { phase: "resetting", archives, nextCheckAt: now }
        : { phase: "done", archives, nextCheckAt: null };
    }
    // resetting: every archive is stored, so the one-time access can end.
    if (item.refresh_token_sealed) {
      try {
        await clientFor(item).resetAuthorization();
      } catch (error) {
        // A reset whose answer was lost leaves a revoked token: the reset happened.
        if (!(error instanceof OAuthError && error.error === "invalid_grant")) throw error;
      }
      clients.delete(item.consent_id);
    }
    return { phase: "done", nextCheckAt: null };
  };

  const handle = async (item: ClaimedExport, claim: string, result: TickResult) => {
    let update: ExportUpdate;
    try {
      update = await step(item, claim);
    } catch (error) {
      const problem = exportProblem(error);
      deps.log(`export ${item.id} (${item.phase}): ${describeError(error)}`);
      update = problem.final
        ? { phase: "failed", nextCheckAt: null, error: problem.words }
        : {
            phase: item.phase,
            nextCheckAt: new Date(deps.clock().getTime() + retryDelayMs),
            error: problem.words,
          };
    }
    // A database error here ends the tick (logged once by it); the claim runs out and the
    // export is checked again by a later tick.
    const now = deps.clock();
    const stored =
      item.phase === "resetting" && update.phase === "done"
        ? await deps.db.transaction(async (tx) => {
            const store = exportsStore(tx);
            await store.markConsentReset(item.consent_id, now);
            return store.update(item.id, claim, now, update);
          })
        : await deps.exports.update(item.id, claim, now, update);
    if (!stored) {
      result.unsaved++;
      deps.log(`export ${item.id}: claim lost, the result is left to the tick that took it`);
      return;
    }
    if (update.checked) result.checked++;
    if (item.phase === "downloading" && update.archives) result.downloaded++;
    if (item.phase === "resetting" && update.phase === "done") result.reset++;
    if (update.phase === "failed") result.failed++;
  };

  const runTick = async (): Promise<TickResult> => {
    const result: TickResult = {
      claimed: 0,
      checked: 0,
      downloaded: 0,
      reset: 0,
      failed: 0,
      unsaved: 0,
      roundTrips: 0,
      ms: 0,
    };
    const started = performance.now();
    const roundTripsBefore = deps.db.roundTrips;
    const claim = `${worker}:${randomUUID().slice(0, 8)}`;
    try {
      await deps.accounts.deleteExpiredPendingConsents(deps.clock());
      // Until nothing is due (or the budget is spent): an export whose check found its archive
      // ready is claimed again at once for the download, and then for the reset.
      while (performance.now() - started < tickBudgetMs) {
        const batch = await deps.exports.claimDue(deps.clock(), leaseMs, claim, batchSize);
        if (batch.length === 0) break;
        result.claimed += batch.length;
        await Promise.all(batch.map((item) => limit(() => handle(item, claim, result))));
      }
    } catch (error) {
      result.error = describeError(error);
      deps.log(`tick stopped, trying again at the next tick: ${result.error}`);
    }
    result.roundTrips = deps.db.roundTrips - roundTripsBefore;
    result.ms = Math.round(performance.now() - started);
    if (result.claimed > 0) {
      deps.log(
        `tick: ${result.claimed} claimed, ${result.checked} checked, ${result.downloaded} downloaded, ${result.reset} reset, ${result.failed} failed in ${result.ms} ms with ${result.roundTrips} database round trips`,
      );
    }
    return result;
  };

  return {
    /** This process's name in `claimed_by`. */
    worker,
    /** Runs one tick; a call during a running tick waits for it instead. */
    tick(): Promise<TickResult> {
      running ??= runTick().finally(() => {
        running = undefined;
      });
      return running;
    },
    /** Resolves once no tick is running (before closing the database). */
    async idle(): Promise<void> {
      await running;
    },
  };
}

/** The scheduler of {@link createScheduler}. */
export type Scheduler = ReturnType<typeof createScheduler>;
