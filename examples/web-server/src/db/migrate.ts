import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import type { Database } from "./database.js";

/** The SQL migrations, applied in file name order. */
export const MIGRATIONS_DIR = path.join(import.meta.dirname, "..", "..", "migrations");

/** Any constant works: it only keeps two processes that start together from migrating twice. */
const MIGRATION_LOCK = 7_264_013;

/**
 * Applies the migrations the database has not seen, in one transaction, under an advisory
 * lock. Returns the names of the ones applied.
 */
export async function migrate(db: Database, dir = MIGRATIONS_DIR): Promise<string[]> {
  const files = (await readdir(dir)).filter((name) => name.endsWith(".sql")).sort();
  return db.transaction(async (tx) => {
    await tx.query("SELECT pg_advisory_xact_lock($1)", [MIGRATION_LOCK]);
    await tx.exec(
      "CREATE TABLE IF NOT EXISTS schema_migrations (name text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
    );
    const done = new Set(
      (await tx.query<{ name: string }>("SELECT name FROM schema_migrations")).map((r) => r.name),
    );
    const applied: string[] = [];
    for (const name of files.filter((file) => !done.has(file))) {
      await tx.exec(await readFile(path.join(dir, name), "utf8"));
      await tx.query("INSERT INTO schema_migrations (name) VALUES ($1)", [name]);
      applied.push(name);
    }
    return applied;
  });
}
