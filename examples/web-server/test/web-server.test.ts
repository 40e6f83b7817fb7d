import { createHash } from "node:crypto";
import { readdir, readFile, rm, stat } from "node:fs/promises";
import path from "node:path";
import { createEmulatorServer, type EmulatorServer } from "@dataportability/msw/node";
import pg from "pg";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Config } from "../src/config.js";
import { CookieClient } from "./support/cookie-client.js";
import {
  startDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
  tempDir,
  testConfig,
} from "./support/harness.js";

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest("hex");

describe.each(["pglite", "postgres"] as const)("on %s", (databaseName) => {
  let emulator: EmulatorServer;
  let database: TestDatabase;
  let databases = 0;
  let users = 0;
  /** PGlite takes long to create a database: its tests share one folder, emptied per test. */
  let pgliteDir: string;
  let removePgliteDir: () => Promise<void>;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeAll(async () => {
    emulator = await createEmulatorServer({ completeAfterPolls: 0, archivesPerJob: 2 });
    database = await startDatabase(databaseName);
    [pgliteDir, removePgliteDir] = await tempDir("web-server-pglite-");
  });
  afterAll(async () => {
    await database.stop();
    await emulator.close();
    await removePgliteDir();
  });
  beforeEach(() => {
    // Each test's consents come from Google users of its own.
    emulator.emulator.setConsent({ user: `user-${++users}` });
  });
  afterEach(async () => {
    for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
    emulator.emulator.setFaults([]);
  });

  /** A config on an empty database: a new Postgres database, or the emptied PGlite one. */
  const freshConfig = async (): Promise<Config> => {
    const dataDir = database.url ? (await tempDir("web-server-test-"))[0] : pgliteDir;
    if (database.url) cleanups.push(() => rm(dataDir, { recursive: true, force: true }));
    const config = testConfig(emulator, database, dataDir);
    if (database.url) {
      const name = `test_${++databases}`;
      const admin = new pg.Client(database.url);
      await admin.connect();
      await admin.query(`CREATE DATABASE ${name}`);
      await admin.end();
      config.databaseUrl = database.url.replace(/\/postgres$/, `/${name}`);
    }
    return config;
  };

  /** A server on `config` whose clock can be moved forward; `empty` clears PGlite's tables. */
  const serve = async (config: Config, { empty = true } = {}) => {
    const clock = { offsetMs: 0 };
    const server = await startTestServer(config, {
      clock: () => new Date(Date.now() + clock.offsetMs),
    });
    cleanups.push(() => server.close());
    if (empty && server.db.kind === "pglite") {
      await server.db.exec("TRUNCATE users, oauth_requests, consents, exports CASCADE");
    }
    return Object.assign(server, { clock });
  };

  const rows = (server: TestServer, sql: string, params: unknown[] = []) =>
    server.db.query<Record<string, unknown>>(sql, params);

  const exportIdOf = (page: string) => page.split("/").pop()!;

  it("connects, exports, stores verified archives, resets the one-time consent and shows it", async () => {
    const server = await serve(await freshConfig());
    const browser = new CookieClient();
    const page = await browser.connect(server.url, ["myactivity.youtube", "chrome.history"]);
    expect(page).toMatch(/^\/exports\/[0-9a-f-]{36}$/);

    const started = await (await browser.request(`${server.url}${page}`)).text();
    expect(started).toContain("Google is preparing your archive");
    expect(started).toContain("IN_PROGRESS");
    // The emulator's job completes at its first check: the tick checks, downloads and resets.
    const tick = await server.scheduler.tick();
    expect(tick).toMatchObject({ claimed: 3, checked: 1, downloaded: 1, reset: 1, failed: 0 });

    const [row] = await rows(server, "SELECT * FROM exports");
    expect(row).toMatchObject({ phase: "done", job_state: "COMPLETE", checks: 1 });
    const folder = path.join(server.dataDir, "archives", String(row!["user_id"]), exportIdOf(page));
    const job = emulator.emulator.job(String(row!["job_id"]))!;
    expect(job.urls).toHaveLength(2);
    const names = (await readdir(folder)).sort();
    expect(names).toHaveLength(2);
    for (const url of job.urls) {
      const expected = await emulator.emulator.expectedArchive(url);
      const name = names.find((file) => expected.objectPath.endsWith(file))!;
      expect(sha256(await readFile(path.join(folder, name)))).toBe(expected.sha256);
    }
    const [consent] = await rows(server, "SELECT refresh_token_sealed, reset_at FROM consents");
    expect(consent).toMatchObject({ refresh_token_sealed: null });
    expect(consent!["reset_at"]).toBeInstanceOf(Date);
    expect(
      emulator.emulator.requests.filter((r) => r.operation.endsWith("authorization.reset")),
    ).toHaveLength(1);

    const done = await (await browser.request(`${server.url}${page}`)).text();
    expect(done).toContain("Done: your archive is stored");
    for (const name of names) expect(done).toContain(name);
    expect(done).toMatch(/\d+(\.\d)? KiB/);
  });

  it("exports what a partial grant allowed and says what is missing", async () => {
    const server = await serve(await freshConfig());
    emulator.emulator.setConsent({ grant: ["myactivity.youtube"], user: "partial" });
    const browser = new CookieClient();
    const page = await browser.connect(server.url, ["myactivity.youtube", "youtube.comments"]);
    const [row] = await rows(server, "SELECT resources FROM exports");
    expect(row!["resources"]).toEqual(["myactivity.youtube"]);
    const html = await (await browser.request(`${server.url}${page}`)).text();
    expect(html).toContain("You did not allow youtube.comments");
    expect(html).toContain("connect again");
  });

  it("explains a denied consent and starts nothing", async () => {
    const server = await serve(await freshConfig());
    emulator.emulator.setConsent({ grant: "deny" });
    const browser = new CookieClient();
    const response = await browser.request(
      await browser.consent(server.url, ["myactivity.youtube"]),
    );
    expect(response.status).toBe(403);
    expect(await response.text()).toContain("You did not allow access");
    expect(await rows(server, "SELECT id FROM exports")).toEqual([]);
  });

  it("refuses a forged state, a replayed callback and a callback without a session", async () => {
    const server = await serve(await freshConfig());
    const browser = new CookieClient();
    const callback = new URL(await browser.consent(server.url, ["myactivity.youtube"]));

    const forged = new URL(callback);
    forged.searchParams.set("state", "forged-state-value-of-an-attacker");
    const tokenCalls = () => emulator.emulator.requests.filter((r) => r.operation === "token");
    const before = tokenCalls().length;
    const forgedAnswer = await browser.request(forged.href);
    expect(forgedAnswer.status).toBe(400);
    expect(await forgedAnswer.text()).toContain("This sign-in link is not valid");
    expect(tokenCalls()).toHaveLength(before);

    const stranger = new CookieClient();
    const noSession = await stranger.request(callback.href);
    expect(noSession.status).toBe(400);
    expect(await noSession.text()).toContain("no session from our connect page");

    expect((await browser.request(callback.href)).status).toBe(303);
    const replay = await browser.request(callback.href);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("already used");
    expect(await rows(server, "SELECT id FROM exports")).toHaveLength(1);
  });

  it("answers 404 for an unknown export and for another user's export", async () => {
    const server = await serve(await freshConfig());
    const alice = new CookieClient();
    emulator.emulator.setConsent({ user: "alice" });
    const page = await alice.connect(server.url, ["chrome.history"]);
    const bob = new CookieClient();
    emulator.emulator.setConsent({ user: "bob" });
    await bob.connect(server.url, ["myactivity.search"]);

    const foreign = await bob.request(`${server.url}${page}`);
    expect(foreign.status).toBe(404);
    const body = await foreign.text();
    expect(body).toContain("No such export");
    expect(body).not.toContain("chrome.history");
    expect((await bob.request(`${server.url}/exports/not-an-export`)).status).toBe(404);
    expect((await new CookieClient().request(`${server.url}${page}`)).status).toBe(404);
    expect((await alice.request(`${server.url}${page}`)).status).toBe(200);
  });

  it("restarts on the same database without redoing or losing anything", async () => {
    const config = await freshConfig();
    const first = await serve(config);
    await new CookieClient().connect(first.url, ["myactivity.youtube"]);
    const [started] = await rows(first, "SELECT id, user_id, job_id, saved FROM exports");
    await first.close();

    const second = await serve(config, { empty: false });
    expect(await second.scheduler.tick()).toMatchObject({ checked: 1, downloaded: 1, reset: 1 });
    const [row] = await rows(second, "SELECT id, job_id, phase FROM exports");
    expect(row).toEqual({ id: started!["id"], job_id: started!["job_id"], phase: "done" });
    const initiated = emulator.emulator.jobs().filter((job) => job.id === started!["job_id"]);
    expect(initiated).toHaveLength(1);
    const folder = path.join(
      config.dataDir,
      "archives",
      String(started!["user_id"]),
      String(row!["id"]),
    );
    const mtimes = async () =>
      Promise.all(
        (await readdir(folder)).map(async (name) => (await stat(path.join(folder, name))).mtimeMs),
      );
    const stored = await mtimes();
    expect(stored).toHaveLength(2);
    await second.close();

    const third = await serve(config, { empty: false });
    const requests = emulator.emulator.requests.length;
    expect(await third.scheduler.tick()).toMatchObject({ claimed: 0 });
    expect(emulator.emulator.requests).toHaveLength(requests);
    expect(await mtimes()).toEqual(stored);
  });

  it("answers POST /tick only with the tick secret when one is set", async () => {
    const server = await serve({ ...(await freshConfig()), tickSecret: "tick-secret-of-cron" });
    const tick = (authorization?: string) =>
      fetch(`${server.url}/tick`, {
        method: "POST",
        headers: authorization ? { authorization } : {},
      });
    expect((await tick()).status).toBe(403);
    expect((await tick("Bearer wrong-secret-of-same-len")).status).toBe(403);
    const allowed = await tick("Bearer tick-secret-of-cron");
    expect(allowed.status).toBe(200);
    expect(await allowed.json()).toMatchObject({ claimed: 0, checked: 0 });
  });
});
