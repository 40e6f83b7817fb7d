import type { AddressInfo } from "node:net";
import path from "node:path";
import { createEmulatorServer, type EmulatorServer } from "@dataportability/msw/node";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";
import { connectGoogle } from "./auth/google.js";
import { createTokenCipher, deriveKeys } from "./auth/token-cipher.js";
import type { Config } from "./config.js";
import { accounts } from "./db/accounts.js";
import { type Database, openDatabase } from "./db/database.js";
import { exportsStore } from "./db/exports-store.js";
import { migrate } from "./db/migrate.js";
import { createApp } from "./http/app.js";
import type { Log } from "./logger.js";
import { createScheduler, type Scheduler, type SchedulerDeps } from "./scheduler/scheduler.js";

/** A running server. */
export interface RunningServer {
  /** Where it listens, e.g. `http://127.0.0.1:3000`. */
  url: string;
  /** The address users reach it at (PUBLIC_URL, or `url`). */
  publicUrl: string;
  db: Database;
  scheduler: Scheduler;
  /** The embedded emulator, when neither Google nor EMULATOR_URL is configured. */
  emulator: EmulatorServer | undefined;
  /** Stops listening, then closes the database (and the embedded emulator). */
  close(): Promise<void>;
}

/** What tests and the bench may change; the defaults are the production ones. */
export interface ServerOptions {
  log: Log;
  clock?: () => Date;
  scheduler?: Pick<
    SchedulerDeps,
    "leaseMs" | "batchSize" | "concurrency" | "retryDelayMs" | "tickBudgetMs"
  >;
}

/**
 * Opens the database (and migrates it), starts the embedded emulator when no API is
 * configured, and serves the app. The scheduler is built but not started: `main.ts` ticks it.
 */
export async function startServer(config: Config, options: ServerOptions): Promise<RunningServer> {
  const clock = options.clock ?? (() => new Date());
  const emulator =
    config.target.kind === "emulator" && !config.target.url
      ? await createEmulatorServer({ completeAfterPolls: 1 })
      : undefined;
  const emulatorUrl =
    config.target.kind === "emulator" ? (config.target.url ?? emulator?.url) : undefined;
  const db = await openDatabase(config.databaseUrl, path.join(config.dataDir, "pglite"));
  try {
    const applied = await migrate(db);
    if (applied.length > 0) options.log(`database: applied ${applied.join(", ")}`);
  } catch (error) {
    await db.close();
    await emulator?.close();
    throw error;
  }
  const keys = deriveKeys(config.tokenKey);
  const cipher = createTokenCipher(keys.tokens);
  const google = connectGoogle(config.target, emulatorUrl);
  const store = { accounts: accounts(db, cipher), exports: exportsStore(db) };
  const scheduler = createScheduler({
    ...options.scheduler,
    db,
    ...store,
    google,
    cipher,
    archivesDir: path.join(config.dataDir, "archives"),
    clock,
    log: options.log,
  });

  let app: Hono | undefined;
  const server = serve({
    fetch: (request, env) => app!.fetch(request, env),
    hostname: config.host,
    port: config.port,
    // Keep Node's own Request and Response: the API client and downloads use them.
    overrideGlobalObjects: false,
  });
  await new Promise<void>((resolve, reject) => {
    server.once("listening", resolve);
    server.once("error", reject);
  });
  const { port } = server.address() as AddressInfo;
  const url = `http://${config.host.includes(":") ? `[${config.host}]` : config.host}:${port}`;
  const publicUrl = config.publicUrl ?? url;
  app = createApp({
    ...store,
    google,
    cookieSecret: keys.cookies,
    publicUrl,
    clock,
    log: options.log,
    tick: () => scheduler.tick(),
    tickSecret: config.tickSecret,
  });
  options.log(
    `listening on ${url} (database: ${db.kind}, API: ${config.target.kind === "google" ? "Google" : `emulator at ${emulatorUrl}`})`,
  );
  let closing: Promise<void> | undefined;
  return {
    url,
    publicUrl,
    db,
    scheduler,
    emulator,
    close: () => (closing ??= close()),
  };
  async function close() {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      (server as { closeAllConnections?: () => void }).closeAllConnections?.();
    });
    await scheduler.idle();
    await db.close();
    await emulator?.close();
  }
}
