import type { Resource } from "@dataportability/spec";
import type { SeededRandom } from "../emulator/seeded-random.js";

/**
 * How long a consent lets an app export: once, or repeatedly for 30 or 180 days.
 *
 * @example
 * ```ts
 * const accessType: AccessType = "TIME_BASED";
 * ```
 */
export type AccessType = "ONE_TIME" | "TIME_BASED";

/** One user's consent to one app: the granted resources and its tokens. */
export interface Grant {
  readonly id: string;
  readonly userId: string;
  readonly clientId: string;
  readonly resources: ReadonlySet<Resource>;
  /** `TIME_BASED` when any resource is granted time-based (then `days` and `endsAtMs` apply). */
  readonly accessType: AccessType;
  /** The resources granted time-based; the others are granted one-time. */
  readonly timeBased: ReadonlySet<Resource>;
  readonly days?: 30 | 180;
  readonly createdAtMs: number;
  /** Time-based consents end after their 30 or 180 days. */
  readonly endsAtMs?: number;
  revoked: boolean;
  readonly accessTokens: Set<string>;
  refreshToken?: string;
  refreshExpiresAtMs?: number;
}

/** Per-user export bookkeeping: what one-time and time-based consents have used up. */
export interface UserState {
  readonly id: string;
  readonly grants: Set<Grant>;
  /** Resource → IDs of the jobs that used its one-time export. */
  readonly oneTimeUsed: Map<Resource, string[]>;
  /** Resource → the last time-based export. */
  readonly timeBasedLast: Map<Resource, { readonly atMs: number; readonly jobIds: string[] }>;
  /** Identity of a running job (resources + window) → its ID, for ALREADY_EXISTS. */
  readonly running: Map<string, string>;
}

/** Outcome of checking a bearer token. */
export type Authentication =
  | { readonly ok: true; readonly grant: Grant; readonly user: UserState }
  | { readonly ok: false; readonly reason: "missing" | "expired" | "invalid" };

/** What {@link GrantStore.createGrant} needs. */
export interface GrantInit {
  readonly userId: string;
  readonly clientId: string;
  readonly resources: readonly Resource[];
  readonly accessType: AccessType;
  /** With `TIME_BASED`: resources granted one-time only. */
  readonly oneTimeResources?: readonly Resource[];
  readonly days?: 30 | 180;
  readonly nowMs: number;
  /** Issue a refresh token (offline access). */
  readonly offline: boolean;
  readonly refreshTtlMs?: number;
}

const DAY_MS = 86_400_000;

/**
 * Users, consents and tokens, each looked up in O(1) by token or ID.
 *
 * @example
 * ```ts
 * const store = new GrantStore(new SeededRandom(1));
 * const grant = store.createGrant({ userId: "u", clientId: "c", resources: ["myactivity.youtube"], accessType: "ONE_TIME", nowMs: 0, offline: true });
 * const { token } = store.issueAccessToken(grant, 0, 3_600_000);
 * store.authenticate(token, 1).ok; // true
 * ```
 */
export class GrantStore {
  readonly #random: SeededRandom;
  readonly #users = new Map<string, UserState>();
  readonly #accessTokens = new Map<string, { grant: Grant; expiresAtMs: number }>();
  readonly #refreshTokens = new Map<string, Grant>();
  #grantCount = 0;

  constructor(random: SeededRandom) {
    this.#random = random;
  }

  /**
   * The state of a user, created on first use.
   *
   * @example
   * ```ts
   * store.user("alice").oneTimeUsed.size; // 0
   * ```
   */
  user(id: string): UserState {
    let user = this.#users.get(id);
    if (!user) {
      user = {
        id,
        grants: new Set(),
        oneTimeUsed: new Map(),
        timeBasedLast: new Map(),
        running: new Map(),
      };
      this.#users.set(id, user);
    }
    return user;
  }

  /**
   * Records a consent and, for offline access, its refresh token.
   *
   * @example
   * ```ts
   * store.createGrant({ userId: "u", clientId: "c", resources: ["myactivity.search"], accessType: "TIME_BASED", days: 30, nowMs: 0, offline: true });
   * ```
   */
  createGrant(init: GrantInit): Grant {
    const grant: Grant = {
      id: `grant-${++this.#grantCount}`,
      userId: init.userId,
      clientId: init.clientId,
      resources: new Set(init.resources),
      accessType: init.accessType,
      timeBased: new Set(
        init.accessType === "TIME_BASED"
          ? init.resources.filter((r) => !init.oneTimeResources?.includes(r))
          : [],
      ),
      ...(init.accessType === "TIME_BASED"
        ? { days: init.days ?? 30, endsAtMs: init.nowMs + (init.days ?? 30) * DAY_MS }
        : {}),
      createdAtMs: init.nowMs,
      revoked: false,
      accessTokens: new Set(),
    };
    if (init.offline) {
      grant.refreshToken = `1//0${this.#random.token(40)}`;
      if (init.refreshTtlMs !== undefined)
        grant.refreshExpiresAtMs = init.nowMs + init.refreshTtlMs;
      this.#refreshTokens.set(grant.refreshToken, grant);
    }
    this.user(init.userId).grants.add(grant);
    return grant;
  }

  /**
   * A new access token for a consent.
   *
   * @example
   * ```ts
   * store.issueAccessToken(grant, Date.now(), 3_600_000).token.startsWith("ya29."); // true
   * ```
   */
  issueAccessToken(
    grant: Grant,
    nowMs: number,
    ttlMs: number,
  ): { token: string; expiresAtMs: number } {
    const token = `ya29.a0${this.#random.token(60)}`;
    const expiresAtMs = Math.min(nowMs + ttlMs, grant.endsAtMs ?? Number.POSITIVE_INFINITY);
    this.#accessTokens.set(token, { grant, expiresAtMs });
    grant.accessTokens.add(token);
    return { token, expiresAtMs };
  }

  /**
   * Checks a bearer token at `nowMs`.
   *
   * @example
   * ```ts
   * store.authenticate(undefined, 0); // { ok: false, reason: "missing" }
   * ```
   */
  authenticate(token: string | undefined, nowMs: number): Authentication {
    if (!token) return { ok: false, reason: "missing" };
    const record = this.#accessTokens.get(token);
    if (!record || record.grant.revoked) return { ok: false, reason: "invalid" };
    if (nowMs >= record.expiresAtMs) return { ok: false, reason: "expired" };
    return { ok: true, grant: record.grant, user: this.user(record.grant.userId) };
  }

  /**
   * The live consent behind a refresh token, or a reason it cannot be used.
   *
   * @example
   * ```ts
   * store.grantForRefresh(grant.refreshToken!, Date.now()); // grant
   * ```
   */
  grantForRefresh(refreshToken: string, nowMs: number): Grant | "expired" | "invalid" {
    const grant = this.#refreshTokens.get(refreshToken);
    if (!grant || grant.revoked) return "invalid";
    if (
      nowMs >= (grant.refreshExpiresAtMs ?? Number.POSITIVE_INFINITY) ||
      nowMs >= (grant.endsAtMs ?? Number.POSITIVE_INFINITY)
    ) {
      return "expired";
    }
    return grant;
  }

  /**
   * The consent an access or refresh token belongs to, revoked or not.
   *
   * @example
   * ```ts
   * store.grantOfToken(token)?.id;
   * ```
   */
  grantOfToken(token: string): Grant | undefined {
    return this.#accessTokens.get(token)?.grant ?? this.#refreshTokens.get(token);
  }

  /**
   * Revokes a consent: all its access tokens and its refresh token stop working.
   *
   * @example
   * ```ts
   * store.revoke(grant);
   * ```
   */
  revoke(grant: Grant): void {
    grant.revoked = true;
    for (const token of grant.accessTokens) this.#accessTokens.delete(token);
    grant.accessTokens.clear();
    if (grant.refreshToken) this.#refreshTokens.delete(grant.refreshToken);
    this.#users.get(grant.userId)?.grants.delete(grant);
  }

  /**
   * Number of users seen.
   *
   * @example
   * ```ts
   * store.userCount; // 1
   * ```
   */
  get userCount(): number {
    return this.#users.size;
  }
}

/**
 * How a consent grants one resource: one-time or time-based.
 *
 * @example
 * ```ts
 * accessTypeOf(grant, "myactivity.youtube"); // "ONE_TIME" | "TIME_BASED"
 * ```
 */
export function accessTypeOf(grant: Grant, resource: Resource): AccessType {
  return grant.timeBased.has(resource) ? "TIME_BASED" : "ONE_TIME";
}
