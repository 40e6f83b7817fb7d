import { mkdir, readdir, readlink, stat, symlink, writeFile } from "node:fs/promises";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { EXIT_CODES } from "../src/index.js";
import { emulatorFixture, runCli } from "./support/run-cli.js";

const fixture = emulatorFixture();

let users = 0;
/** A new user's token, so every export has a fresh one-time consent. */
const freshToken = () =>
  fixture.server.emulator.issueToken({ resources: ["myactivity.youtube"], user: `user-${++users}` })
    .accessToken;

function cli(argv: string[], accessToken = freshToken()) {
  return runCli(argv, {
    env: {
      DATAPORTABILITY_CONFIG_DIR: path.join(fixture.tmp.dir, "config"),
      DATAPORTABILITY_API_URL: fixture.server.url,
      DATAPORTABILITY_ACCESS_TOKEN: accessToken,
    },
  });
}

const jobsStarted = () => fixture.server.emulator.jobs().length;

describe("the output folder is checked before the job starts", () => {
  it("creates a missing --out with mode 0700", async () => {
    const out = path.join(fixture.tmp.dir, "new", "nested");
    const result = await cli(["export", "-r", "myactivity.youtube", "-o", out]);
    expect(result.code, result.stderr).toBe(0);
    expect((await stat(out)).mode & 0o777).toBe(0o700);
  });

  it("a file where the folder should be: exit 7 naming the folder and the cause, and no job started", async () => {
    const file = path.join(fixture.tmp.dir, "a-file");
    await writeFile(file, "not a folder");
    const before = jobsStarted();
    for (const out of [file, path.join(file, "exports")]) {
      const result = await cli(["export", "-r", "myactivity.youtube", "-o", out, "--json"]);
      expect(result.code, result.stderr).toBe(EXIT_CODES.disk);
      expect(result.stderr).toContain(
        `Cannot write ${out}: a file stands where a folder should be`,
      );
      expect(result.stderr).not.toMatch(/unexpected/i);
      expect(JSON.parse(result.stdout).error).toMatchObject({ code: "disk", path: out });
    }
    expect(jobsStarted()).toBe(before);
  });

  it("a folder that refuses files (sysfs refuses even root): exit 7 and no job started", async () => {
    const before = jobsStarted();
    const result = await cli(["export", "-r", "myactivity.youtube", "-o", "/sys"]);
    expect(result.code, result.stderr).toBe(EXIT_CODES.disk);
    expect(result.stderr).toMatch(
      /Cannot write \/sys\/\.dataportability-write-check-\w+: .* \((EACCES|EPERM|EROFS)\)/,
    );
    expect(result.stderr).toContain("choose another --out");
    expect(jobsStarted()).toBe(before);
  });

  it("a full disk while writing (/dev/full): exit 7 naming the file and the cause, the .part kept for resume", async () => {
    const accessToken = freshToken();
    const first = path.join(fixture.tmp.dir, "first");
    const exported = await cli(
      ["export", "-r", "myactivity.youtube", "-o", first, "--json"],
      accessToken,
    );
    expect(exported.code, exported.stderr).toBe(0);
    const { jobId, archives } = JSON.parse(exported.stdout);
    const [url] = fixture.server.emulator.job(jobId)!.urls;
    const out = path.join(fixture.tmp.dir, "full");
    await mkdir(out);
    // A resumable part whose bytes go to /dev/full, where every write fails with ENOSPC.
    const part = path.join(out, `${archives[0].file}.part`);
    await symlink("/dev/full", part);
    await writeFile(`${part}.json`, JSON.stringify({ version: 1, url: url!.split("?")[0] }));

    const result = await cli(["download", jobId, "-o", out, "--json"], accessToken);
    expect(result.code, result.stderr).toBe(EXIT_CODES.disk);
    expect(result.stderr).toMatch(/Cannot write .*: the disk is full \(ENOSPC\)/);
    expect(result.stderr).toContain("carries on from the partial (.part) files");
    expect(result.stderr).not.toMatch(/unexpected/i);
    expect(JSON.parse(result.stdout).error).toMatchObject({ code: "disk", exitCode: 7 });
    expect(await readlink(part)).toBe("/dev/full");
    expect(await readdir(out)).toContain(`${archives[0].file}.part.json`);
  });
});
