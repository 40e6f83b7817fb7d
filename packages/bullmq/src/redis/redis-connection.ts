import { InvalidArgumentError } from "@dataportability/core";
import { Redis, type RedisOptions } from "ioredis";

/**
 * Where Redis is: a `redis://` URL, ioredis options, or an ioredis client. Each queue, worker
 * and event listener opens its own connection from it (a client you pass is duplicated and
 * never closed by this package), always with `maxRetriesPerRequest: null` as BullMQ requires.
 *
 * @example
 * ```ts
 * const connection: RedisConnectionInput = process.env.REDIS_URL ?? { host: "127.0.0.1", port: 6379 };
 * ```
 */
export type RedisConnectionInput = string | RedisOptions | Redis;

/**
 * Opens connections to one Redis server; every connection it opened is closed by `closeAll()`.
 *
 * @internal
 * @example
 * ```ts
 * const redis = redisConnections("redis://127.0.0.1:6379");
 * const client = redis.open();
 * await redis.closeAll();
 * ```
 */
export interface RedisConnections {
  open(): Redis;
  closeAll(): Promise<void>;
}

/**
 * Checks a {@link RedisConnectionInput} and returns a factory of connections to it.
 *
 * @internal
 * @throws {InvalidArgumentError} when `input` is neither a URL, options nor a client.
 * @example
 * ```ts
 * const redis = redisConnections({ host: "127.0.0.1", port: 6379 });
 * ```
 */
export function redisConnections(input: RedisConnectionInput): RedisConnections {
  const opened = new Set<Redis>();
  let create: () => Redis;
  if (input instanceof Redis) {
    create = () => input.duplicate({ maxRetriesPerRequest: null });
  } else if (typeof input === "string") {
    if (!/^rediss?:\/\//.test(input)) {
      throw new InvalidArgumentError(
        "connection",
        `${JSON.stringify(input.replace(/\/\/[^@/]*@/, "//…@"))} is not a Redis URL`,
        "a redis:// or rediss:// URL, ioredis options, or an ioredis client",
      );
    }
    create = () => new Redis(input, { maxRetriesPerRequest: null });
  } else if (input && typeof input === "object") {
    if (input.keyPrefix) {
      throw new InvalidArgumentError(
        "connection.keyPrefix",
        "is set",
        "no ioredis keyPrefix (BullMQ rejects it); use the `prefix` option instead",
      );
    }
    create = () => new Redis({ ...input, maxRetriesPerRequest: null });
  } else {
    throw new InvalidArgumentError(
      "connection",
      "missing",
      "a redis:// or rediss:// URL, ioredis options, or an ioredis client",
    );
  }
  return {
    open() {
      const client = create();
      opened.add(client);
      // Errors surface through the BullMQ objects using the connection; an unhandled
      // 'error' event would otherwise print every reconnect attempt.
      client.on("error", () => {});
      return client;
    },
    async closeAll() {
      const clients = [...opened];
      opened.clear();
      await Promise.all(
        clients.map(async (client) => {
          if (client.status === "end") return;
          try {
            await client.quit();
          } catch {
            client.disconnect();
          }
        }),
      );
    },
  };
}
