import type { Redis } from "ioredis";

/** Every key of the Redis server with everything it holds, as raw bytes, for secret scans. */
export async function dumpRedis(redis: Redis): Promise<Map<string, Buffer>> {
  const out = new Map<string, Buffer>();
  let cursor = "0";
  do {
    const [next, keys] = await redis.scanBuffer(cursor, "COUNT", 1000);
    cursor = next.toString();
    for (const keyBuffer of keys) {
      const key = keyBuffer.toString();
      const type = await redis.type(key);
      const parts: Buffer[] = [keyBuffer];
      if (type === "string") parts.push((await redis.getBuffer(key)) ?? Buffer.alloc(0));
      else if (type === "hash")
        parts.push(
          ...(await redis
            .hgetallBuffer(key)
            .then((h) => Object.entries(h).flatMap(([k, v]) => [Buffer.from(k), v]))),
        );
      else if (type === "list") parts.push(...(await redis.lrangeBuffer(key, 0, -1)));
      else if (type === "set") parts.push(...(await redis.smembersBuffer(key)));
      else if (type === "zset") parts.push(...(await redis.zrangeBuffer(key, 0, -1)));
      else if (type === "stream") {
        const entries = (await redis.xrangeBuffer(key, "-", "+")) as unknown as [
          Buffer,
          Buffer[],
        ][];
        for (const [id, fields] of entries) parts.push(id, ...fields);
      }
      // The serialized value as well, whatever the type (catches encodings read above as text).
      const dumped = await redis.dumpBuffer(key);
      if (dumped) parts.push(dumped);
      out.set(key, Buffer.concat(parts));
    }
  } while (cursor !== "0");
  return out;
}
