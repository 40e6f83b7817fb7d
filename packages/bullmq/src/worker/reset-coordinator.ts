import type { Redis } from "ioredis";
import { userPathSegment } from "../queue/export-id.js";

/**
 * What one export should do about `authorization.reset` once its archives are stored (or
 * once it died): reset now, leave it to a later export of the same user, or skip it because
 * an export of that user ended in the dead letters.
 *
 * @internal
 * @example
 * ```ts
 * const decision: ResetDecision = await coordinator.settle(userId, exportId, "stored");
 * ```
 */
export type ResetDecision = "reset" | "deferred" | "skipped";

// KEYS[1]: the user's exports still to store; KEYS[2]: those of them that died (until the
// last one settles). A retried export leaves the dead set again (see `reopen`).
const SETTLE = `
redis.call('SREM', KEYS[1], ARGV[1])
if ARGV[2] == 'dead' then
  redis.call('SADD', KEYS[2], ARGV[1])
  redis.call('PEXPIRE', KEYS[2], ARGV[3])
end
if redis.call('SCARD', KEYS[1]) > 0 then return 'deferred' end
local dead = redis.call('SCARD', KEYS[2])
redis.call('DEL', KEYS[2])
if dead > 0 then return 'skipped' end
return 'reset'
`;

const KEEP_MS = 30 * 86_400_000;

/**
 * Keeps, per user, the exports that asked for `authorization.reset` and are not stored yet,
 * so the reset runs once, after the last of them. Redis keys hold export IDs and the
 * encoded user ID only.
 *
 * @internal
 * @example
 * ```ts
 * const coordinator = new ResetCoordinator(redis, "bull:dataportability-consent");
 * await coordinator.register("user-42", exportId);
 * ```
 */
export class ResetCoordinator {
  constructor(
    private readonly redis: Redis,
    private readonly keyBase: string,
  ) {}

  #keys(userId: string): [string, string] {
    const base = `${this.keyBase}:{${userPathSegment(userId)}}`;
    return [`${base}:pending`, `${base}:dead`];
  }

  /** Records an export that will want a reset; idempotent. */
  async register(userId: string, exportId: string): Promise<void> {
    const [pending] = this.#keys(userId);
    await this.redis.multi().sadd(pending, exportId).pexpire(pending, KEEP_MS).exec();
  }

  /**
   * Takes a dead export back: pending again, and no longer counted as dead, so the user's
   * reset waits for it and is not skipped on its account; idempotent.
   */
  async reopen(userId: string, exportId: string): Promise<void> {
    const [pending, dead] = this.#keys(userId);
    await this.redis
      .multi()
      .sadd(pending, exportId)
      .pexpire(pending, KEEP_MS)
      .srem(dead, exportId)
      .exec();
  }

  /** Forgets an export that was registered but could not be queued. */
  async unregister(userId: string, exportId: string): Promise<void> {
    const [pending] = this.#keys(userId);
    await this.redis.srem(pending, exportId);
  }

  /** Removes a stored or dead export and says what to do about the reset. */
  async settle(
    userId: string,
    exportId: string,
    outcome: "stored" | "dead",
  ): Promise<ResetDecision> {
    const [pending, dead] = this.#keys(userId);
    const answer = await this.redis.eval(SETTLE, 2, pending, dead, exportId, outcome, KEEP_MS);
    return answer as ResetDecision;
  }
}
