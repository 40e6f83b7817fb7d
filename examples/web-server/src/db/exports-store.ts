import { randomUUID } from "node:crypto";
import type { AccessType, Resource, SavedExport } from "@dataportability/core";
import type { Queryable } from "./database.js";

/** Where an export is: the step's checks, the download, the consent's reset, or the end. */
export type ExportPhase = "checking" | "downloading" | "resetting" | "done" | "failed";

/** An archive file stored on disk. */
export interface StoredArchive {
  name: string;
  bytes: number;
}

/** An export as the status page shows it. */
export interface ExportRow {
  id: string;
  user_id: string;
  consent_id: string;
  resources: Resource[];
  phase: ExportPhase;
  job_id: string | null;
  job_state: string | null;
  next_check_at: Date | null;
  last_checked_at: Date | null;
  checks: number;
  archives: StoredArchive[];
  error: string | null;
  created_at: Date;
  /** Resources the user was asked for but did not grant (from the consent). */
  missing: Resource[];
}

/** An export claimed by a tick, with what its check needs. */
export interface ClaimedExport {
  id: string;
  user_id: string;
  consent_id: string;
  phase: ExportPhase;
  saved: SavedExport;
  job_id: string | null;
  next_check_at: Date;
  refresh_token_sealed: string | null;
  access_type: AccessType;
  granted: Resource[];
}

/** What a tick found out about a claimed export. */
export interface ExportUpdate {
  phase: ExportPhase;
  saved?: SavedExport;
  jobId?: string | null;
  jobState?: string | null;
  nextCheckAt: Date | null;
  /** When the round was due: set with `checked`, to measure lateness. */
  dueAt?: Date;
  checked?: boolean;
  archives?: StoredArchive[];
  error?: string | null;
}

/** The SQL of the exports table. */
export function exportsStore(db: Queryable) {
  return {
    async create(input: {
      userId: string;
      consentId: string;
      resources: readonly Resource[];
      saved: SavedExport;
      jobId: string | undefined;
      nextCheckAt: Date;
      now: Date;
    }): Promise<string> {
      const id = randomUUID();
      await db.query(
        `INSERT INTO exports (id, user_id, consent_id, resources, phase, saved, job_id, job_state, next_check_at, created_at, updated_at)
         VALUES ($1, $2, $3, $4, 'checking', $5, $6, 'IN_PROGRESS', $7, $8, $8)`,
        [
          id,
          input.userId,
          input.consentId,
          JSON.stringify(input.resources),
          JSON.stringify(input.saved),
          input.jobId ?? null,
          input.nextCheckAt,
          input.now,
        ],
      );
      return id;
    },

    /** The export, only if it belongs to `userId`. */
    async forUser(userId: string, exportId: string): Promise<ExportRow | undefined> {
      const [row] = await db.query<ExportRow>(
        `SELECT e.*, c.missing FROM exports e JOIN consents c ON c.id = e.consent_id
         WHERE e.id = $1 AND e.user_id = $2`,
        [exportId, userId],
      );
      return row;
    },

    async listForUser(userId: string): Promise<ExportRow[]> {
      return db.query<ExportRow>(
        `SELECT e.*, c.missing FROM exports e JOIN consents c ON c.id = e.consent_id
         WHERE e.user_id = $1 ORDER BY e.created_at DESC`,
        [userId],
      );
    },

    /**
     * Claims up to `limit` due exports for `leaseMs` in one statement: rows another tick holds
     * (locked, or leased and not expired) are skipped, so no export is checked twice at once;
     * a lease of a process that died runs out and the export is claimed again.
     */
    async claimDue(now: Date, leaseMs: number, claim: string, limit: number) {
      return db.query<ClaimedExport>(
        `UPDATE exports e SET claimed_until = $2, claimed_by = $3
         FROM consents c
         WHERE c.id = e.consent_id AND e.id IN (
           SELECT id FROM exports
           WHERE next_check_at <= $1 AND (claimed_until IS NULL OR claimed_until <= $1)
           ORDER BY next_check_at
           LIMIT $4
           FOR UPDATE SKIP LOCKED)
         RETURNING e.id, e.user_id, e.consent_id, e.phase, e.saved, e.job_id, e.next_check_at,
           c.refresh_token_sealed, c.access_type, c.granted`,
        [now, new Date(now.getTime() + leaseMs), claim, limit],
      );
    },

    /** Extends a claim; false when it was lost (expired and taken by another tick). */
    async extendClaim(id: string, claim: string, until: Date): Promise<boolean> {
      const rows = await db.query(
        "UPDATE exports SET claimed_until = $3 WHERE id = $1 AND claimed_by = $2 RETURNING id",
        [id, claim, until],
      );
      return rows.length > 0;
    },

    /** Stores what a check found and releases the claim; false when the claim was lost. */
    async update(id: string, claim: string, now: Date, update: ExportUpdate): Promise<boolean> {
      const rows = await db.query(
        `UPDATE exports SET
           phase = $3,
           saved = COALESCE($4::jsonb, saved),
           job_id = CASE WHEN $5::boolean THEN $6 ELSE job_id END,
           job_state = CASE WHEN $7::boolean THEN $8 ELSE job_state END,
           next_check_at = $9,
           last_checked_at = CASE WHEN $10::boolean THEN $11 ELSE last_checked_at END,
           checks = checks + CASE WHEN $10::boolean THEN 1 ELSE 0 END,
           last_due_at = CASE WHEN $10::boolean THEN $14 ELSE last_due_at END,
           archives = COALESCE($12::jsonb, archives),
           error = $13,
           claimed_until = NULL, claimed_by = NULL, updated_at = $11
         WHERE id = $1 AND claimed_by = $2
         RETURNING id`,
        [
          id,
          claim,
          update.phase,
          update.saved === undefined ? null : JSON.stringify(update.saved),
          update.jobId !== undefined,
          update.jobId ?? null,
          update.jobState !== undefined,
          update.jobState ?? null,
          update.nextCheckAt,
          update.checked === true,
          now,
          update.archives === undefined ? null : JSON.stringify(update.archives),
          update.error ?? null,
          update.dueAt ?? null,
        ],
      );
      return rows.length > 0;
    },

    /** Clears the refresh token of a consent that was reset. */
    async markConsentReset(consentId: string, now: Date): Promise<void> {
      await db.query(
        "UPDATE consents SET refresh_token_sealed = NULL, reset_at = $2 WHERE id = $1",
        [consentId, now],
      );
    },
  };
}

/** The store of {@link exportsStore}. */
export type ExportsStore = ReturnType<typeof exportsStore>;
