import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { chown, mkdtemp, rm } from "node:fs/promises";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import pg from "pg";

/** A Postgres server started for tests; `url` is `postgres://postgres@127.0.0.1:<port>/postgres`. */
export interface TestPostgres {
  url: string;
  /** Stops the server and keeps its data (a database that went away). */
  pause(): Promise<void>;
  /** Starts the paused server again, on the same port and data. */
  resume(): Promise<void>;
  /** Stops the server and deletes its data. */
  stop(): Promise<void>;
}

const POSTGRES_ROOT = "/usr/lib/postgresql";

/**
 * The path of a program of Debian's newest installed Postgres, e.g. `postgresBin("pg_dump")`.
 * Throws, saying what to install, when there is none.
 */
export function postgresBin(program: string): string {
  const versions = existsSync(POSTGRES_ROOT)
    ? readdirSync(POSTGRES_ROOT)
        .filter((name) => /^\d+$/.test(name))
        .sort((a, b) => Number(b) - Number(a))
    : [];
  const file = versions
    .map((version) => path.join(POSTGRES_ROOT, version, "bin", program))
    .find(existsSync);
  if (!file) {
    throw new Error(
      `could not find Postgres's ${program}; install it (Debian: apt-get install postgresql) or set DATABASE_URL`,
    );
  }
  return file;
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

async function answers(url: string): Promise<boolean> {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 1000 });
  client.on("error", () => {});
  try {
    await client.connect();
    await client.query("SELECT 1");
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => {});
  }
}

/** Postgres refuses to run as root: then it runs as the `postgres` user, on a folder it owns. */
function runAs(): { uid: number; gid: number } | undefined {
  if (process.getuid?.() !== 0) return undefined;
  const id = (flag: string) =>
    Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }).trim());
  return { uid: id("-u"), gid: id("-g") };
}

/**
 * Starts Debian's Postgres on loopback, on a free port, in a temporary data folder (no fsync:
 * a throwaway); resolves once it answers a query.
 *
 * @example
 * ```ts
 * const postgres = await startPostgresServer();
 * const pool = new pg.Pool({ connectionString: postgres.url });
 * await postgres.stop();
 * ```
 */
export async function startPostgresServer(): Promise<TestPostgres> {
  const dir = await mkdtemp(path.join(tmpdir(), "dp-postgres-"));
  const user = runAs();
  if (user) await chown(dir, user.uid, user.gid);
  const data = path.join(dir, "data");
  execFileSync(
    postgresBin("initdb"),
    ["-D", data, "-U", "postgres", "-A", "trust", "--no-sync", "-E", "UTF8", "--locale=C"],
    { stdio: "ignore", ...user },
  );
  let port = await freePort();
  let url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  let child: ChildProcess | undefined;
  /** Set when the last launch failed because another process took the port meanwhile. */
  let portTaken = false;

  const launch = async () => {
    const started = spawn(
      postgresBin("postgres"),
      [
        ...["-D", data, "-k", dir, "-p", String(port)],
        ...["-c", "listen_addresses=127.0.0.1", "-c", "fsync=off", "-c", "max_connections=200"],
      ],
      { stdio: ["ignore", "ignore", "pipe"], ...user },
    );
    let log = "";
    started.stderr?.on("data", (chunk: Buffer) => {
      log = (log + chunk.toString()).slice(-2000);
    });
    let failed: Error | undefined;
    started.once("error", (error) => {
      failed = error;
    });
    started.once("exit", (code) => {
      failed ??= new Error(`postgres exited with code ${code}: ${log}`);
    });
    const deadline = Date.now() + 20_000;
    while (!failed && Date.now() < deadline) {
      if (await answers(url)) {
        child = started;
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    started.kill("SIGKILL");
    portTaken = /address already in use/i.test(log);
    throw new Error(`could not start postgres (${failed?.message ?? "no answer"})`);
  };
  const halt = async () => {
    const running = child;
    child = undefined;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once("exit", resolve));
    running.kill("SIGINT"); // "fast" shutdown: ends the sessions, keeps the data
    await exited;
  };

  // The port was free when picked, but another process may bind it before Postgres does.
  for (let attempt = 1; ; attempt++) {
    try {
      await launch();
      break;
    } catch (error) {
      if (!portTaken || attempt === 3) {
        await rm(dir, { recursive: true, force: true });
        throw error;
      }
      port = await freePort();
      url = `postgres://postgres@127.0.0.1:${port}/postgres`;
    }
  }
  return {
    url,
    pause: halt,
    resume: launch,
    async stop() {
      await halt();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
