import { randomBytes } from "node:crypto";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import type { EmulatorServer } from "@dataportability/msw/node";
import { startPostgresServer, type TestPostgres } from "@dataportability/postgres-support";
import type { Config } from "../../src/config.js";
import { type RunningServer, type ServerOptions, startServer } from "../../src/server.js";

/** A database the tests run on: embedded PGlite in a folder, or a real Postgres server. */
export interface TestDatabase {
  name: "pglite" | "postgres";
  /** undefined for PGlite (it lives in the server's data folder). */
  url: string | undefined;
  /** The Postgres server, to stop and start it again. */
  postgres: TestPostgres | undefined;
  /** Drops every table, so that the next test starts empty. */
  stop(): Promise<void>;
}

/** Starts the named database. */
export async function startDatabase(name: TestDatabase["name"]): Promise<TestDatabase> {
  if (name === "pglite") return { name, url: undefined, postgres: undefined, stop: async () => {} };
  const postgres = await startPostgresServer();
  return { name, url: postgres.url, postgres, stop: () => postgres.stop() };
}

/** One test's server: its own data folder, a fixed key, the shared emulator. */
export interface TestServer extends RunningServer {
  dataDir: string;
  /** Every log line so far. */
  logs: string[];
}

/** A fresh 32-byte key, base64, as TOKEN_ENCRYPTION_KEY takes it. */
export const newKey = () => randomBytes(32).toString("base64");

/** A config for tests: loopback, any port, no built-in ticks. */
export function testConfig(
  emulator: EmulatorServer,
  db: TestDatabase,
  dataDir: string,
  key = newKey(),
): Config {
  return {
    host: "127.0.0.1",
    port: 0,
    publicUrl: undefined,
    databaseUrl: db.url,
    dataDir,
    tokenKey: Buffer.from(key, "base64"),
    target: { kind: "emulator", url: emulator.url },
    tickIntervalSeconds: 0,
    tickSecret: undefined,
  };
}

/** Starts a server in this process on `config`, collecting its log lines. */
export async function startTestServer(
  config: Config,
  options: Omit<ServerOptions, "log"> = {},
): Promise<TestServer> {
  const logs: string[] = [];
  const server = await startServer(config, { ...options, log: (line) => logs.push(line) });
  return Object.assign(server, { dataDir: config.dataDir, logs });
}

/** A temporary folder, removed by the returned function. */
export async function tempDir(prefix: string): Promise<[string, () => Promise<void>]> {
  const dir = await mkdtemp(path.join(tmpdir(), prefix));
  return [dir, () => rm(dir, { recursive: true, force: true })];
}
