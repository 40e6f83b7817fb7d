import { mkdir } from "node:fs/promises";
import pg from "pg";

/** Runs SQL with `$1`-style parameters; rows come back with timestamps as Dates, JSON parsed. */
export interface Queryable {
  query<Row = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<Row[]>;
  /** Several statements, no parameters (migrations). */
  exec(sql: string): Promise<void>;
}

/** The app's database: a Postgres server (`pg`) or embedded PGlite, with the same SQL. */
export interface Database extends Queryable {
  readonly kind: "postgres" | "pglite";
  /** Statements sent so far (one round trip each), for the bench. */
  readonly roundTrips: number;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: Queryable) => Promise<T>): Promise<T>;
  close(): Promise<void>;
}

function counted(kind: Database["kind"], base: Omit<Database, "roundTrips" | "kind">): Database {
  let roundTrips = 0;
  const countAll = (q: Queryable): Queryable => ({
    query: (sql, params) => {
      roundTrips++;
      return q.query(sql, params);
    },
    exec: (sql) => {
      roundTrips++;
      return q.exec(sql);
    },
  });
  return {
    kind,
    get roundTrips() {
      return roundTrips;
    },
    ...countAll(base),
    transaction: (work) => {
      roundTrips += 2; // BEGIN and COMMIT
      return base.transaction((tx) => work(countAll(tx)));
    },
    close: base.close,
  };
}

async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url, max: 10, connectionTimeoutMillis: 5000 });
  // A server that goes away breaks idle connections: the next query reports it, so the pool's
  // own event needs no more than a listener (without one, Node would stop the process).
  pool.on("error", () => {});
  const on = (client: pg.Pool | pg.PoolClient): Queryable => ({
    query: async (sql, params) => (await client.query(sql, params as unknown[])).rows,
    exec: async (sql) => {
      await client.query(sql);
    },
  });
  await pool.query("SELECT 1");
  return counted("postgres", {
    ...on(pool),
    async transaction(work) {
      const client = await pool.connect();
      try {
        await client.query("BEGIN");
        const result = await work(on(client));
        await client.query("COMMIT");
        return result;
      } catch (error) {
        await client.query("ROLLBACK").catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    close: () => pool.end(),
  });
}

async function openPglite(folder: string): Promise<Database> {
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const { PGlite } = await import("@electric-sql/pglite");
  const db = await PGlite.create(folder);
  type Tx = Pick<typeof db, "query" | "exec">;
  const on = (client: Tx): Queryable => ({
    query: async (sql, params) =>
      (await client.query(sql, params as unknown[])).rows as unknown as never[],
    exec: async (sql) => {
      await client.exec(sql);
    },
  });
  return counted("pglite", {
    ...on(db),
    transaction: (work) => db.transaction((tx) => work(on(tx))),
    close: () => db.close(),
  });
}

/**
 * Opens a Postgres server when `databaseUrl` is set, else PGlite in `pgliteFolder` (one
 * process at a time: several server processes need a Postgres server).
 */
export function openDatabase(databaseUrl: string | undefined, pgliteFolder: string) {
  return databaseUrl ? openPostgres(databaseUrl) : openPglite(pgliteFolder);
}
