import { readdir, readFile } from "node:fs/promises";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../src/index.js";
import { runCli, tempDir } from "./support/run-cli.js";

let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.remove());

const ESC = "\u001b";
const env = () => ({ DATAPORTABILITY_CONFIG_DIR: path.join(tmp.dir, "config") });

describe("export against the embedded emulator", () => {
  it("runs login, initiate, wait, download, verify and list, and says it used the emulator", async () => {
    const out = path.join(tmp.dir, "plain");
    const result = await runCli(
      ["--emulator", "export", "-r", "myactivity.youtube,myactivity.search", "--out", out],
      { env: env() },
    );
    expect(result.code, result.stderr).toBe(EXIT_CODES.ok);
    expect(result.stderr).toMatch(/Using the embedded emulator at http:\/\/127\.0\.0\.1:\d+/);
    expect(result.stderr).toMatch(/loopback OAuth flow \(PKCE, scripted consent\)/);
    expect(result.stderr).toMatch(/Started export job \d+ \(one-time access\)/);
    expect(result.stdout).toMatch(
      /Exported myactivity\.youtube, myactivity\.search from the embedded emulator/,
    );
    expect(result.stdout).toMatch(/all verified/);
    expect(result.stdout).toContain("Portability/My Activity/YouTube/");
    expect(result.stdout).toContain("run `dataportability reset`");

    const files = (await readdir(out)).sort();
    expect(files.filter((f) => f.endsWith(".zip"))).toHaveLength(2);
    expect(files.some((f) => f.endsWith(".part"))).toBe(false);
    const state = JSON.parse(
      await readFile(path.join(out, ".dataportability-export.json"), "utf8"),
    );
    expect(state).toMatchObject({ version: 1, backend: "embedded", phase: "done" });
    expect(state.archives).toHaveLength(2);
    // Progress and colours are for terminals only.
    expect(result.all).not.toContain(ESC);
  });

  it("takes --slices 1 to 16, and refuses anything else before starting a job", async () => {
    const refused = await runCli(
      [
        "--emulator",
        "export",
        "-r",
        "myactivity.youtube",
        "--out",
        path.join(tmp.dir, "slices0"),
        "--slices",
        "0",
      ],
      { env: env() },
    );
    expect(refused.code).toBe(EXIT_CODES.usage);
    expect(refused.stderr).toContain('--slices "0" is not a whole number from 1 to 16');
    expect(refused.stderr).not.toContain("Started export job");

    const sliced = await runCli(
      [
        "--emulator",
        "export",
        "-r",
        "myactivity.youtube",
        "--out",
        path.join(tmp.dir, "slices8"),
        "--slices",
        "8",
      ],
      { env: env() },
    );
    expect(sliced.code, sliced.stderr).toBe(EXIT_CODES.ok);
    expect(sliced.stdout).toMatch(/all verified/);
  });

  it("prints one JSON document on stdout with --json", async () => {
    const out = path.join(tmp.dir, "json");
    const result = await runCli(
      ["--emulator", "export", "-r", "chrome.history", "--out", out, "--json"],
      {
        env: env(),
      },
    );
    expect(result.code, result.stderr).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      ok: true,
      server: "the embedded emulator",
      emulator: true,
      accessType: "ONE_TIME",
      resources: ["chrome.history"],
      folder: out,
    });
    expect(summary.archives).toHaveLength(2);
    for (const archive of summary.archives) {
      expect(archive.verified).toEqual(expect.arrayContaining(["size", "crc32c"]));
      expect(archive.sha256).toMatch(/^[0-9a-f]{64}$/);
      expect(archive.entries).toBeGreaterThan(0);
    }
    // The emulator is still named on stderr in JSON mode.
    expect(result.stderr).toContain("Using the embedded emulator");
  });

  it("draws live progress on a terminal, in colour unless NO_COLOR is set (no credentials at a terminal: the embedded emulator)", async () => {
    const colour = await runCli(
      ["export", "-r", "myactivity.play", "--out", path.join(tmp.dir, "tty")],
      {
        env: env(),
        tty: true,
      },
    );
    expect(colour.code, colour.stderr).toBe(0);
    expect(colour.stderr).toContain("Waiting for job");
    expect(colour.stderr).toContain(`${ESC}[1F${ESC}[0J`); // redrawn in place
    expect(colour.stderr).toContain("█");
    expect(colour.stdout).toContain(`${ESC}[32m`);

    const plain = await runCli(
      ["export", "-r", "myactivity.play", "--out", path.join(tmp.dir, "tty2")],
      {
        env: { ...env(), NO_COLOR: "1" },
        tty: true,
      },
    );
    expect(plain.code, plain.stderr).toBe(0);
    expect(plain.all).not.toMatch(new RegExp(`${ESC}\\[\\d+m`));
    expect(plain.stderr).toContain("Waiting for job");
  });

  it("refuses job commands clearly: the embedded emulator's jobs end with each command", async () => {
    for (const command of ["status", "wait", "download", "cancel", "retry"]) {
      const result = await runCli([command, "1234567890"], { env: env(), tty: true });
      expect(result.code).toBe(EXIT_CODES.usage);
      expect(result.stderr).toContain("starts empty in every command");
      expect(result.stderr).toContain("dataportability emulator");
    }
  });
});

describe("Ctrl-C against the embedded emulator", () => {
  it("stops with exit 130, says a resume is impossible there, and lets the export start afresh", async () => {
    const out = path.join(tmp.dir, "interrupted");
    const controller = new AbortController();
    const interrupted = await runCli(
      ["--emulator", "export", "-r", "myactivity.youtube", "--out", out],
      {
        env: env(),
        signal: controller.signal,
        onStderr: (chunk) => {
          if (chunk.includes("Started export job")) controller.abort();
        },
      },
    );
    expect(interrupted.code).toBe(EXIT_CODES.interrupted);
    expect(interrupted.stderr).toContain("run the same export again to start afresh");

    const resume = await runCli(["--emulator", "export", "--resume", "--out", out], { env: env() });
    expect(resume.code).toBe(EXIT_CODES.usage);
    expect(resume.stderr).toContain("cannot be resumed");
    expect(resume.stderr).toContain("export --resource myactivity.youtube --out");

    const again = await runCli(["--emulator", "export", "-r", "myactivity.youtube", "--out", out], {
      env: env(),
    });
    expect(again.code, again.stderr).toBe(0);
  });
});
