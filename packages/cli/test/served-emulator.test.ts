import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { createEmulatorServer, type EmulatorServer } from "@dataportability/msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../src/index.js";
import { runCli, tempDir } from "./support/run-cli.js";

let tmp: Awaited<ReturnType<typeof tempDir>>;
let server: EmulatorServer;

beforeAll(async () => {
  tmp = await tempDir();
  // Jobs complete only when the test says so.
  server = await createEmulatorServer({ completeAfterPolls: 1_000_000, archiveBytes: 8192 });
});
afterAll(async () => {
  await server.close();
  await tmp.remove();
});

const env = () => ({
  DATAPORTABILITY_CONFIG_DIR: path.join(tmp.dir, "config"),
  DATAPORTABILITY_EMULATOR_URL: server.url,
});

describe("with DATAPORTABILITY_EMULATOR_URL (an emulator served by `dataportability emulator`)", () => {
  it("logs in with the loopback flow and stores the login with mode 0600, never printing it", async () => {
    const login = await runCli(["login", "-r", "myactivity.youtube", "youtube.comments"], {
      env: env(),
    });
    expect(login.code, login.stderr).toBe(0);
    expect(login.stdout).toContain(`Signed in to the emulator at ${server.url}`);
    expect(login.stdout).toContain("granted   myactivity.youtube, youtube.comments");
    const file = /stored {4}(\S+) \(mode 0600\)/.exec(login.stdout)?.[1];
    expect(file).toBeDefined();
    expect((await stat(file!)).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(await readFile(file!, "utf8"));
    expect(login.all).not.toContain(stored.accessToken);
    expect(login.all).not.toContain(stored.refreshToken);

    const access = await runCli(["access", "--json"], { env: env() });
    expect(access.code, access.stderr).toBe(0);
    expect(JSON.parse(access.stdout).oneTimeResources.sort()).toEqual([
      "myactivity.youtube",
      "youtube.comments",
    ]);
  });

  it("Ctrl-C while waiting saves the state (exit 130); export --resume finishes the job", async () => {
    const out = path.join(tmp.dir, "resume");
    const controller = new AbortController();
    const interrupted = await runCli(["export", "-r", "myactivity.youtube", "-o", out], {
      env: env(),
      signal: controller.signal,
      onStderr: (chunk) => {
        if (chunk.includes(": IN_PROGRESS")) controller.abort();
      },
    });
    expect(interrupted.code, interrupted.stderr).toBe(EXIT_CODES.interrupted);
    expect(interrupted.stderr).toContain("Interrupted.");
    expect(interrupted.stderr).toContain("dataportability export --resume --out");
    const saved = JSON.parse(
      await readFile(path.join(out, ".dataportability-export.json"), "utf8"),
    );
    expect(saved).toMatchObject({ phase: "waiting", backend: `emulator:${server.url}` });
    expect(saved.poller).toMatchObject({
      version: 1,
      jobId: saved.jobId,
      lastState: "IN_PROGRESS",
    });
    expect(JSON.stringify(saved)).not.toMatch(/ya29|1\/\/0|Signature/);

    const fresh = await runCli(["export", "-r", "myactivity.youtube", "-o", out], { env: env() });
    expect(fresh.code).toBe(EXIT_CODES.usage);
    expect(fresh.stderr).toContain("holds an unfinished export");

    server.emulator.completeJob(saved.jobId);
    const resumed = await runCli(["export", "--resume", "-o", out], { env: env() });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`Resuming export job ${saved.jobId}`);
    expect(resumed.stdout).toContain("all verified");
    const done = JSON.parse(await readFile(path.join(out, ".dataportability-export.json"), "utf8"));
    expect(done.phase).toBe("done");
  });

  it("Ctrl-C as downloads start: export --resume fetches fresh links and finishes them", async () => {
    const out = path.join(tmp.dir, "resume-download");
    const controller = new AbortController();
    const started = runCli(["export", "-r", "chrome.history", "-o", out], {
      env: env(),
      signal: controller.signal,
      onStderr: (chunk) => {
        const jobId = /Started export job (\d+)/.exec(chunk)?.[1];
        if (jobId) server.emulator.completeJob(jobId);
        if (chunk.includes("is COMPLETE")) controller.abort();
      },
    });
    const interrupted = await started;
    expect(interrupted.code, interrupted.stderr).toBe(EXIT_CODES.interrupted);
    const saved = JSON.parse(
      await readFile(path.join(out, ".dataportability-export.json"), "utf8"),
    );
    expect(saved.phase).toBe("downloading");

    const resumed = await runCli(["export", "--resume", "-o", out, "--json"], { env: env() });
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain("(downloading)");
    const summary = JSON.parse(resumed.stdout);
    expect(summary.jobId).toBe(saved.jobId);
    expect(summary.archives.length).toBeGreaterThan(0);
  });

  it("keeps jobs between commands: status, cancel, and wait on a cancelled job (exit 5)", async () => {
    const controller = new AbortController();
    const started = await runCli(
      ["export", "-r", "youtube.comments", "-o", path.join(tmp.dir, "c")],
      {
        env: env(),
        signal: controller.signal,
        onStderr: (chunk) => {
          if (chunk.includes(": IN_PROGRESS")) controller.abort();
        },
      },
    );
    const jobId = /job (\d+)/.exec(started.stderr)?.[1];
    expect(jobId, started.stderr).toBeDefined();
    const status = await runCli(["status", jobId!, "--json"], { env: env() });
    expect(JSON.parse(status.stdout)).toMatchObject({ jobId, state: "IN_PROGRESS" });
    const cancel = await runCli(["cancel", jobId!], { env: env() });
    expect(cancel.code, cancel.stderr).toBe(0);
    const wait = await runCli(["wait", jobId!], { env: env() });
    expect(wait.code).toBe(EXIT_CODES.jobFailed);
    expect(wait.stderr).toContain("was cancelled");
  });

  it("reset revokes the login and forgets it", async () => {
    const reset = await runCli(["reset"], { env: env() });
    expect(reset.code, reset.stderr).toBe(0);
    expect(reset.stdout).toContain("Authorization reset");
    expect(reset.stdout).toContain('Removed the stored login of profile "default"');
    const logout = await runCli(["logout"], { env: env() });
    expect(logout.stdout).toContain('No login is stored for profile "default"');
  });
});

describe("the emulator command", () => {
  it("serves until the signal aborts and prints how to use it", async () => {
    const controller = new AbortController();
    const running = runCli(["emulator", "--json"], { env: {}, signal: controller.signal });
    setImmediate(() => controller.abort());
    const result = await running;
    expect(result.code, result.stderr).toBe(0);
    const info = JSON.parse(result.stdout);
    expect(info.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(info.tokenUrl).toBe(`${info.url}/oauth2/token`);
    expect(result.stderr).toContain("Emulator stopped.");
  });

  it("refuses an unknown scenario (exit 2)", async () => {
    const result = await runCli(["emulator", "--scenario", "nope"], { env: {} });
    expect(result.code).toBe(EXIT_CODES.usage);
    expect(result.stderr).toContain("Choose one of: happy");
  });
});
