import type { Resource } from "@dataportability/spec";
import type { SeededRandom } from "../emulator/seeded-random.js";
import type { AccessType, UserState } from "./grant-store.js";

/**
 * The states a job moves through (`STATE_UNSPECIFIED` is never produced).
 *
 * @example
 * ```ts
 * const state: JobState = emulator.job(jobId)!.state;
 * ```
 */
export type JobState = "IN_PROGRESS" | "COMPLETE" | "FAILED" | "CANCELLED";

/** The emulator's record of one archive job. */
export interface JobRecord {
  readonly id: string;
  readonly user: UserState;
  readonly grantId: string;
  readonly resources: readonly Resource[];
  readonly accessType: AccessType;
  /** Normalised RFC 3339 times as the request gave them. */
  readonly startTime?: string;
  readonly endTime?: string;
  readonly exportTimeMs: number;
  readonly createdAtMs: number;
  /** Identity used to spot an identical running job. */
  readonly key: string;
  /** The first job of a retry chain (itself when not a retry). */
  readonly rootId: string;
  readonly retryOf?: string;
  state: JobState;
  polls: number;
  willFail: boolean;
  /** Retries made from this chain; kept on the root job. */
  retries: number;
  settledAtMs?: number;
  /**
   * When `authorization.reset` revoked the user's access to this job and its archives
   * (https://developers.google.com/data-portability/user-guide/methods: reset removes access
   * to earlier archives).
   */
  revokedAtMs?: number;
}

/** What {@link JobStore.create} needs. */
export type JobInit = Omit<
  JobRecord,
  "id" | "state" | "polls" | "retries" | "rootId" | "key" | "settledAtMs" | "revokedAtMs"
> & {
  readonly rootId?: string;
};

/** When IN_PROGRESS jobs finish on their own. */
export interface CompletionRule {
  readonly completeAfterPolls: number;
  readonly completeAfterMs?: number;
}

/**
 * The identity of a job for ALREADY_EXISTS: same resources and same time window.
 *
 * @example
 * ```ts
 * jobKey(["myactivity.search", "myactivity.youtube"], undefined, undefined); // "myactivity.search,myactivity.youtube||"
 * ```
 */
export function jobKey(
  resources: readonly Resource[],
  startTime?: string,
  endTime?: string,
): string {
  return `${[...resources].sort().join(",")}|${startTime ?? ""}|${endTime ?? ""}`;
}

/**
 * Archive jobs by ID, with their state machine: IN_PROGRESS until polled enough (or enough
 * virtual time passed), then COMPLETE, or FAILED when a fault or a test says so.
 *
 * @example
 * ```ts
 * const jobs = new JobStore(new SeededRandom(1));
 * const job = jobs.create({ user, grantId: "g", resources: ["myactivity.youtube"], accessType: "ONE_TIME", exportTimeMs: 0, createdAtMs: 0, willFail: false });
 * jobs.settle(job, 0, true, { completeAfterPolls: 0 }); // job.state === "COMPLETE"
 * ```
 */
export class JobStore {
  readonly #random: SeededRandom;
  readonly #jobs = new Map<string, JobRecord>();

  constructor(random: SeededRandom) {
    this.#random = random;
  }

  /**
   * Creates an IN_PROGRESS job with a fresh numeric ID.
   *
   * @example
   * ```ts
   * jobs.create(init).state; // "IN_PROGRESS"
   * ```
   */
  create(init: JobInit): JobRecord {
    let id = this.#random.digits(19);
    while (this.#jobs.has(id)) id = this.#random.digits(19);
    const job: JobRecord = {
      ...init,
      id,
      rootId: init.rootId ?? id,
      key: jobKey(init.resources, init.startTime, init.endTime),
      state: "IN_PROGRESS",
      polls: 0,
      retries: 0,
    };
    this.#jobs.set(id, job);
    job.user.running.set(job.key, id);
    return job;
  }

  /**
   * A job by ID.
   *
   * @example
   * ```ts
   * jobs.get("123"); // JobRecord | undefined
   * ```
   */
  get(id: string): JobRecord | undefined {
    return this.#jobs.get(id);
  }

  /**
   * Every job, oldest first.
   *
   * @example
   * ```ts
   * [...jobs.all()].length;
   * ```
   */
  all(): IterableIterator<JobRecord> {
    return this.#jobs.values();
  }

  /**
   * Moves an IN_PROGRESS job on if its time has come; counts a poll when `poll` is true.
   *
   * @example
   * ```ts
   * jobs.settle(job, clock.nowMs(), true, { completeAfterPolls: 2 });
   * ```
   */
  settle(job: JobRecord, nowMs: number, poll: boolean, rule: CompletionRule): void {
    if (job.state !== "IN_PROGRESS") return;
    const due =
      rule.completeAfterMs !== undefined
        ? nowMs - job.createdAtMs >= rule.completeAfterMs
        : job.polls >= rule.completeAfterPolls;
    if (poll) job.polls += 1;
    if (due) this.finish(job, job.willFail ? "FAILED" : "COMPLETE", nowMs);
  }

  /**
   * Ends a job in a final state and frees its running slot.
   *
   * @example
   * ```ts
   * jobs.finish(job, "CANCELLED", Date.now());
   * ```
   */
  finish(job: JobRecord, state: Exclude<JobState, "IN_PROGRESS">, nowMs: number): void {
    job.state = state;
    job.settledAtMs = nowMs;
    if (job.user.running.get(job.key) === job.id) job.user.running.delete(job.key);
  }

  /**
   * Revokes access to every job of a user, as `authorization.reset` does: their state can no
   * longer be read and their archives are no longer served. Running jobs stop counting as
   * running, so an identical job may start under the new consent.
   *
   * @example
   * ```ts
   * jobs.revokeUser(user, clock.nowMs());
   * ```
   */
  revokeUser(user: UserState, nowMs: number): void {
    for (const job of this.#jobs.values()) {
      if (job.user !== user || job.revokedAtMs !== undefined) continue;
      job.revokedAtMs = nowMs;
      if (user.running.get(job.key) === job.id) user.running.delete(job.key);
    }
  }
}
