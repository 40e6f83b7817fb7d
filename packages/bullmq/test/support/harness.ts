import { randomUUID } from "node:crypto";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { Resource } from "@dataportability/core";
import {
  createEmulatorServer,
  type EmulatorServer,
  type EmulatorServerOptions,
} from "@dataportability/msw/node";
import { Redis } from "ioredis";
import {
  createExportEvents,
  createExportQueue,
  type DeadExport,
  type ExportEvents,
  type ExportProgress,
  type ExportQueue,
  type ExportQueueOptions,
  type ExportResult,
} from "../../src/index.js";

/** Collects a pipeline's events and lets tests await the outcome of given exports. */
export class Outcomes {
  readonly completed = new Map<string, ExportResult>();
  readonly dead = new Map<string, DeadExport>();
  readonly progress: ExportProgress[] = [];
  readonly #waiters = new Set<() => void>();

  constructor(events: ExportEvents) {
    events.on("completed", (result) => {
      this.completed.set(result.exportId, result);
      this.#wake();
    });
    events.on("dead", (dead) => {
      this.dead.set(dead.exportId, dead);
      this.#wake();
    });
    events.on("progress", (progress) => this.progress.push(progress));
  }

  #wake() {
    for (const wake of this.#waiters) wake();
  }

  /** Forgets what is known of an export, before it runs again (after `retryExport`). */
  forget(id: string): void {
    this.completed.delete(id);
    this.dead.delete(id);
  }

  /** Resolves once every export in `ids` completed or died. */
  settled(ids: readonly string[], timeoutMs = 30_000): Promise<void> {
    return new Promise((resolve, reject) => {
      const check = () => {
        if (ids.every((id) => this.completed.has(id) || this.dead.has(id))) {
          cleanup();
          resolve();
        }
      };
      const timer = setTimeout(() => {
        cleanup();
        const open = ids.filter((id) => !this.completed.has(id) && !this.dead.has(id));
        reject(
          new Error(`${open.length} exports still open after ${timeoutMs} ms: ${open.join(", ")}`),
        );
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.#waiters.delete(check);
      };
      this.#waiters.add(check);
      check();
    });
  }
}

/** Everything one test needs: the emulator over HTTP, a fresh pipeline name, folders, tokens. */
export interface Harness {
  redisUrl: string;
  redis: Redis;
  server: EmulatorServer;
  name: string;
  dir: string;
  sinkDir: string;
  workDir: string;
  tokensFile: string;
  tokens: Record<string, string>;
  queue: ExportQueue;
  events: ExportEvents;
  outcomes: Outcomes;
  /** Issues a consent for `userId` and writes its access token to the tokens file. */
  grant(userId: string, resources: readonly Resource[]): Promise<string>;
  close(): Promise<void>;
}

/** Starts an emulator and connects a queue and event listener under a fresh pipeline name. */
export async function startHarness(
  redisUrl: string,
  emulatorOptions: EmulatorServerOptions = {},
  queueOptions: Pick<ExportQueueOptions, "keepCompleted" | "keepFailed"> = {},
): Promise<Harness> {
  const server = await createEmulatorServer({
    completeAfterPolls: 2,
    archiveBytes: 16 * 1024,
    ...emulatorOptions,
  });
  const dir = await mkdtemp(path.join(tmpdir(), "dp-bullmq-test-"));
  const name = `t-${randomUUID().slice(0, 8)}`;
  const queue = createExportQueue({ connection: redisUrl, name, ...queueOptions });
  const events = createExportEvents({ connection: redisUrl, name });
  await events.waitUntilReady();
  const outcomes = new Outcomes(events);
  const redis = new Redis(redisUrl);
  const tokens: Record<string, string> = {};
  const tokensFile = path.join(dir, "tokens.json");
  await writeFile(tokensFile, "{}", { mode: 0o600 });
  return {
    redisUrl,
    redis,
    server,
    name,
    dir,
    sinkDir: path.join(dir, "sink"),
    workDir: path.join(dir, "work"),
    tokensFile,
    tokens,
    queue,
    events,
    outcomes,
    async grant(userId, resources) {
      const { accessToken } = server.emulator.issueToken({ resources, user: userId });
      tokens[userId] = accessToken;
      await writeFile(tokensFile, JSON.stringify(tokens), { mode: 0o600 });
      return accessToken;
    },
    async close() {
      await Promise.all([queue.close(), events.close()]);
      // Leave a shared REDIS_URL as it was found.
      const keys = await redis.keys(`bull:${name}-*`);
      if (keys.length > 0) await redis.del(...keys);
      redis.disconnect();
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
