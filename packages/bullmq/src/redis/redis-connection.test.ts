import { Redis } from "ioredis";
import { describe, expect, it } from "vitest";
import { redisConnections } from "./redis-connection.js";

describe("redisConnections", () => {
  it("opens lazily-configured clients with maxRetriesPerRequest: null", async () => {
    const redis = redisConnections({ host: "127.0.0.1", port: 1, lazyConnect: true });
    const client = redis.open();
    expect(client.options.maxRetriesPerRequest).toBeNull();
    await redis.closeAll();
  });

  it("duplicates a client it is given and leaves that client alone", async () => {
    const given = new Redis({ lazyConnect: true, maxRetriesPerRequest: 3 });
    const redis = redisConnections(given);
    const client = redis.open();
    expect(client).not.toBe(given);
    expect(client.options.maxRetriesPerRequest).toBeNull();
    await redis.closeAll();
    expect(given.status).toBe("wait");
    given.disconnect();
  });

  it("refuses what is not a Redis location, without echoing credentials", () => {
    expect(() => redisConnections("http://user:secret@host")).toThrow(/not a Redis URL/);
    expect(() => redisConnections("http://user:secret@host")).not.toThrow(/secret/);
    expect(() => redisConnections({ keyPrefix: "x:" })).toThrow(/keyPrefix/);
    expect(() => redisConnections(undefined as never)).toThrow(/connection/);
  });
});
