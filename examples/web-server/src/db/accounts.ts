import { createHash, randomUUID } from "node:crypto";
import type { AccessType, Resource } from "@dataportability/core";
import type { TokenCipher } from "../auth/token-cipher.js";
import type { Queryable } from "./database.js";

/** An authorization request kept between the redirect to Google and its callback. */
export interface PendingConsent {
  codeVerifier: string;
  resources: Resource[];
}

/** A consent as the scheduler needs it. */
export interface ConsentRow {
  id: string;
  user_id: string;
  refresh_token_sealed: string | null;
  requested: Resource[];
  granted: Resource[];
  missing: Resource[];
  access_type: AccessType;
  created_at: Date;
  reset_at: Date | null;
}

const stateHash = (state: string) => createHash("sha256").update(state).digest("base64url");

/** Users, their authorization requests and their consents. */
export function accounts(db: Queryable, cipher: TokenCipher) {
  return {
    async createUser(now: Date): Promise<string> {
      const id = randomUUID();
      await db.query("INSERT INTO users (id, created_at) VALUES ($1, $2)", [id, now]);
      return id;
    },

    async userExists(id: string): Promise<boolean> {
      return (await db.query("SELECT 1 FROM users WHERE id = $1", [id])).length > 0;
    },

    /** Keeps an authorization request for `ttlMs`; the state is stored hashed. */
    async savePendingConsent(
      userId: string,
      state: string,
      pending: PendingConsent,
      expiresAt: Date,
    ): Promise<void> {
      await db.query(
        "INSERT INTO oauth_requests (state_hash, user_id, code_verifier_sealed, resources, expires_at) VALUES ($1, $2, $3, $4, $5)",
        [
          stateHash(state),
          userId,
          cipher.encrypt(pending.codeVerifier, userId),
          JSON.stringify(pending.resources),
          expiresAt,
        ],
      );
    },

    /**
     * Takes (and deletes) the authorization request of this state, if it belongs to `userId` and
     * has not expired: a forged, replayed, stale or other session's state finds nothing.
     */
    async takePendingConsent(
      userId: string,
      state: string,
      now: Date,
    ): Promise<PendingConsent | undefined> {
      const [row] = await db.query<{
        code_verifier_sealed: string;
        resources: Resource[];
        fresh: boolean;
      }>(
        "DELETE FROM oauth_requests WHERE state_hash = $1 AND user_id = $2 RETURNING code_verifier_sealed, resources, expires_at > $3 AS fresh",
        [stateHash(state), userId, now],
      );
      if (!row?.fresh) return undefined;
      return {
        codeVerifier: cipher.decrypt(row.code_verifier_sealed, userId),
        resources: row.resources,
      };
    },

    async saveConsent(input: {
      userId: string;
      refreshToken: string;
      requested: readonly Resource[];
      granted: readonly Resource[];
      missing: readonly Resource[];
      accessType: AccessType;
      now: Date;
    }): Promise<string> {
      const id = randomUUID();
      await db.query(
        "INSERT INTO consents (id, user_id, refresh_token_sealed, requested, granted, missing, access_type, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        [
          id,
          input.userId,
          cipher.encrypt(input.refreshToken, input.userId),
          JSON.stringify(input.requested),
          JSON.stringify(input.granted),
          JSON.stringify(input.missing),
          input.accessType,
          input.now,
        ],
      );
      return id;
    },

    /** Forgets authorization requests that were never completed. */
    async deleteExpiredPendingConsents(now: Date): Promise<void> {
      await db.query("DELETE FROM oauth_requests WHERE expires_at <= $1", [now]);
    },

    async consent(id: string): Promise<ConsentRow | undefined> {
      const [row] = await db.query<ConsentRow>("SELECT * FROM consents WHERE id = $1", [id]);
      return row;
    },
  };
}

/** The store of {@link accounts}. */
export type Accounts = ReturnType<typeof accounts>;
