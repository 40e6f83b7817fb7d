import { type ChildProcess, spawn } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { Redis } from "ioredis";

/** A redis-server started for tests; `url` is `redis://127.0.0.1:<port>`. */
export interface TestRedis {
  url: string;
  stop(): Promise<void>;
}

async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      const port = typeof address === "object" && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

async function ping(url: string): Promise<boolean> {
  const client = new Redis(url, {
    lazyConnect: true,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
  });
  client.on("error", () => {});
  try {
    await client.connect();
    return (await client.ping()) === "PONG";
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/**
 * Starts Debian's `redis-server` on loopback, on a free port, without persistence, in a
 * temporary folder; resolves once it answers PING.
 */
export async function startRedisServer(): Promise<TestRedis> {
  const dir = await mkdtemp(path.join(tmpdir(), "dp-bullmq-redis-"));
  for (let attempt = 0; ; attempt++) {
    const port = await freePort();
    const url = `redis://127.0.0.1:${port}`;
    const child: ChildProcess = spawn(
      "redis-server",
      [
        "--port",
        String(port),
        "--bind",
        "127.0.0.1",
        "--save",
        "",
        "--appendonly",
        "no",
        "--dir",
        dir,
      ],
      { stdio: ["ignore", "ignore", "pipe"] },
    );
    let failed: Error | undefined;
    child.once("error", (error) => {
      failed = error;
    });
    child.once("exit", (code) => {
      failed ??= new Error(`redis-server exited with code ${code}`);
    });
    const deadline = Date.now() + 10_000;
    while (!failed && Date.now() < deadline) {
      if (await ping(url)) {
        return {
          url,
          async stop() {
            if (child.exitCode === null) {
              const exited = new Promise((resolve) => child.once("exit", resolve));
              child.kill("SIGTERM");
              await exited;
            }
            await rm(dir, { recursive: true, force: true });
          },
        };
      }
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    child.kill("SIGKILL");
    if (attempt >= 2 || (failed as NodeJS.ErrnoException | undefined)?.code === "ENOENT") {
      await rm(dir, { recursive: true, force: true });
      throw new Error(
        `could not start redis-server (${failed?.message ?? "no answer"}); install it (Debian: apt-get install redis-server) or set REDIS_URL`,
      );
    }
  }
}
