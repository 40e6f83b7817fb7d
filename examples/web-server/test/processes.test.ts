import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { createEmulatorServer, type EmulatorServer } from "@dataportability/msw/node";
import {
  postgresBin,
  startPostgresServer,
  type TestPostgres,
} from "@dataportability/postgres-support";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieClient } from "./support/cookie-client.js";
import { newKey, tempDir } from "./support/harness.js";
import { type ServerProcess, startServerProcess } from "./support/server-process.js";

/** What a token, an authorization code or a signed URL's query looks like in clear. */
const SECRETS = [
  /ya29\.[\w-]{10,}/,
  /1\/\/0[\w-]{10,}/,
  /X-Goog-Signature=/i,
  /X-Goog-Credential=/i,
  /4\/0A[\w-]{10,}/,
];

/**
 * Several server processes on one Postgres server, as a deployment runs them: they share the
 * work, a killed one's export is finished by another, a restart redoes nothing, and no secret
 * reaches a log line or a database column in clear.
 */
describe("server processes on one Postgres database", () => {
  let postgres: TestPostgres;
  let emulator: EmulatorServer;
  let dataDir: string;
  let removeDataDir: () => Promise<void>;
  let sql: pg.Client;
  const servers: ServerProcess[] = [];
  const logs: string[] = [];
  /** Storage requests made while `hold` is set wait until it is released. */
  const gate = { hold: undefined as Promise<void> | undefined, held: () => {} };
  const key = newKey();

  const start = async () => {
    const server = await startServerProcess({
      DATABASE_URL: postgres.url,
      DATA_DIR: dataDir,
      TOKEN_ENCRYPTION_KEY: key,
      EMULATOR_URL: emulator.url,
      TICK_INTERVAL_SECONDS: "0",
    });
    servers.push(server);
    return server;
  };
  const tick = async (server: ServerProcess) => {
    const response = await fetch(`${server.url}/tick`, { method: "POST" });
    expect(response.status).toBe(200);
    return (await response.json()) as Record<string, number>;
  };
  const exportRows = async () =>
    (await sql.query("SELECT id, user_id, job_id, phase, checks FROM exports ORDER BY created_at"))
      .rows;
  const verifyArchives = async (row: { id: string; user_id: string; job_id: string }) => {
    const folder = path.join(dataDir, "archives", row.user_id, row.id);
    const names = await readdir(folder);
    const urls = emulator.emulator.job(row.job_id)!.urls;
    expect(names).toHaveLength(urls.length);
    for (const url of urls) {
      const expected = await emulator.emulator.expectedArchive(url);
      const name = names.find((file) => expected.objectPath.endsWith(file))!;
      const bytes = await readFile(path.join(folder, name));
      expect(createHash("sha256").update(bytes).digest("hex")).toBe(expected.sha256);
    }
  };

  beforeAll(async () => {
    postgres = await startPostgresServer();
    [dataDir, removeDataDir] = await tempDir("web-server-processes-");
    emulator = await createEmulatorServer({
      completeAfterPolls: 0,
      archiveBytes: 2 * 1024 * 1024,
      // Latency faults wait here: storage requests are held while the gate is closed.
      sleep: async () => {
        if (!gate.hold) return;
        gate.held();
        await gate.hold;
      },
    });
    sql = new pg.Client(postgres.url);
    await sql.connect();
  });
  afterAll(async () => {
    for (const server of servers) await server.stop();
    await sql?.end();
    await emulator?.close();
    await postgres?.stop();
    await removeDataDir?.();
  });

  it("shares the due exports between two processes without checking any twice", async () => {
    const [a, b] = [await start(), await start()];
    for (let i = 0; i < 8; i++) {
      emulator.emulator.setConsent({ user: `shared-${i}` });
      await new CookieClient().connect(a.url, ["myactivity.youtube"]);
    }
    const [fromA, fromB] = await Promise.all([tick(a), tick(b)]);
    expect(fromA.checked! + fromB.checked!).toBe(8);
    expect(fromA.downloaded! + fromB.downloaded!).toBe(8);
    const rows = await exportRows();
    expect(rows.map((row) => row.phase)).toEqual(Array(8).fill("done"));
    for (const row of rows) {
      expect(emulator.emulator.job(row.job_id)!.polls).toBe(1);
      await verifyArchives(row);
    }
  });

  it("finishes with identical bytes when the process downloading an export is killed", async () => {
    const [a, b] = servers as [ServerProcess, ServerProcess];
    emulator.emulator.setConsent({ user: "killed-mid-export" });
    await new CookieClient().connect(a.url, ["chrome.history", "myactivity.search"]);
    // The first download breaks halfway; the retry then waits at the gate, mid-export.
    let releaseGate = () => {};
    gate.hold = new Promise<void>((resolve) => {
      releaseGate = resolve;
    });
    const held = new Promise<void>((resolve) => {
      gate.held = resolve;
    });
    emulator.emulator.setFaults([
      { name: "reset-mid-download", times: 1 },
      { name: "latency", ms: 1, match: "storage", skip: 1 },
    ]);
    void tick(a).catch(() => {});
    await held;
    a.child.kill("SIGKILL");
    await new Promise((resolve) => a.child.once("exit", resolve));
    emulator.emulator.setFaults([]);
    gate.hold = undefined;
    releaseGate();

    const [killed] = (await exportRows()).slice(-1);
    expect(killed.phase).toBe("downloading");
    // Nothing else claims it until its lease runs out; then let the lease run out.
    expect(await tick(b)).toMatchObject({ claimed: 0 });
    await sql.query(
      "UPDATE exports SET claimed_until = now() - interval '1 second' WHERE id = $1",
      [killed.id],
    );
    expect(await tick(b)).toMatchObject({ claimed: 2, downloaded: 1, reset: 1 });
    const [finished] = (await exportRows()).slice(-1);
    expect(finished).toMatchObject({ phase: "done", checks: 1 });
    await verifyArchives(finished);
  });

  it("redoes nothing after a restart on the same database", async () => {
    for (const server of servers.splice(0)) {
      logs.push(server.log());
      await server.stop();
    }
    const before = await exportRows();
    const requests = emulator.emulator.requests.length;
    const restarted = await start();
    expect(await tick(restarted)).toMatchObject({ claimed: 0 });
    expect(emulator.emulator.requests).toHaveLength(requests);
    expect(await exportRows()).toEqual(before);
  });

  it("keeps tokens, codes and signed-URL queries out of logs and the database", async () => {
    const issued = emulator.emulator.issueToken({ resources: ["myactivity.youtube"] });
    const signedUrl = emulator.emulator.job((await exportRows())[0]!.job_id)!.urls[0]!;
    // The patterns do catch the emulator's secrets in clear.
    for (const secret of [issued.accessToken, issued.refreshToken, signedUrl]) {
      expect(SECRETS.some((pattern) => pattern.test(secret))).toBe(true);
    }
    // One consent that is not reset yet, so that the dump holds a sealed refresh token.
    emulator.emulator.setConsent({ user: "not-reset-yet" });
    await new CookieClient().connect(servers[0]!.url, ["myactivity.shopping"]);
    for (const server of servers) logs.push(server.log());
    const dump = execFileSync(postgresBin("pg_dump"), ["--data-only", postgres.url], {
      encoding: "utf8",
      maxBuffer: 64 * 1024 * 1024,
    });
    expect(dump).toContain("refresh_token_sealed");
    expect(dump).toMatch(/v1\.[\w-]+\.[\w-]+\.[\w-]+/);
    for (const text of [...logs, dump]) {
      for (const pattern of SECRETS) expect(text).not.toMatch(pattern);
    }
    expect(logs.join("\n")).toContain("archive(s) stored");
  });
});
