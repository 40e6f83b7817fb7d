import { startRedisServer, type TestRedis } from "@dataportability/redis-support";
import type {} from "vitest";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    redisUrl: string;
  }
}

let redis: TestRedis | undefined;

/** Gives every test file a Redis: `REDIS_URL` when set, else a redis-server started here. */
export async function setup(project: TestProject): Promise<void> {
  const external = process.env["REDIS_URL"];
  if (external) {
    project.provide("redisUrl", external);
    return;
  }
  redis = await startRedisServer();
  project.provide("redisUrl", redis.url);
}

export async function teardown(): Promise<void> {
  await redis?.stop();
}
