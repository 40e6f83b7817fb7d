import { createEmulatorServer, type EmulatorServer } from "@dataportability/msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CookieClient } from "./support/cookie-client.js";
import {
  startDatabase,
  startTestServer,
  type TestDatabase,
  type TestServer,
  tempDir,
  testConfig,
} from "./support/harness.js";

const LEASE_MS = 120_000;

describe("a database that goes away mid-tick", () => {
  let emulator: EmulatorServer;
  let database: TestDatabase;
  let server: TestServer;
  let removeDir: () => Promise<void>;
  const clock = { offsetMs: 0 };
  /** Runs while the tick waits for the emulator's answer to its state read. */
  let duringCheck = async () => {};

  beforeAll(async () => {
    emulator = await createEmulatorServer({
      completeAfterPolls: 0,
      // The latency fault on state reads waits here.
      sleep: () => duringCheck(),
    });
    database = await startDatabase("postgres");
    let dataDir: string;
    [dataDir, removeDir] = await tempDir("web-server-outage-");
    server = await startTestServer(testConfig(emulator, database, dataDir), {
      clock: () => new Date(Date.now() + clock.offsetMs),
      scheduler: { leaseMs: LEASE_MS },
    });
  });
  afterAll(async () => {
    await server.close();
    await database.stop();
    await emulator.close();
    await removeDir();
  });

  it("logs one line, loses nothing, and finishes at a later tick", async () => {
    await new CookieClient().connect(server.url, ["myactivity.youtube"]);
    emulator.emulator.setFaults([
      { name: "latency", ms: 1, match: "getPortabilityArchiveState", times: 1 },
    ]);
    duringCheck = () => database.postgres!.pause();
    const broken = await server.scheduler.tick();
    expect(broken).toMatchObject({ claimed: 1, checked: 0, downloaded: 0 });
    expect(broken.error).toBeDefined();
    const outage = server.logs.filter((line) => line.startsWith("tick stopped"));
    expect(outage).toHaveLength(1);
    expect(server.logs.join("\n")).not.toMatch(/ya29\.|1\/\/0/);

    await database.postgres!.resume();
    // The claim of the interrupted tick holds until its lease runs out.
    expect(await server.scheduler.tick()).toMatchObject({ claimed: 0 });
    clock.offsetMs += LEASE_MS;
    expect(await server.scheduler.tick()).toMatchObject({ checked: 1, downloaded: 1, reset: 1 });
    const [row] = await server.db.query<{ phase: string; checks: number }>(
      "SELECT phase, checks FROM exports",
    );
    expect(row).toEqual({ phase: "done", checks: 1 });
  });
});
