import { readFile, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Resource } from "@dataportability/core";
import { createEmulatorServer, type EmulatorServer } from "@dataportability/msw/node";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../src/index.js";
import { type CliResult, runCli, tempDir } from "./support/run-cli.js";

let tmp: Awaited<ReturnType<typeof tempDir>>;
let server: EmulatorServer;
const secrets: string[] = [];

beforeAll(async () => {
  tmp = await tempDir();
});
afterAll(() => tmp.remove());
beforeEach(async () => {
  server = await createEmulatorServer({ completeAfterPolls: 0, archiveBytes: 4096 });
});
afterEach(() => server.close());

function token(resources: Resource[], accessType: "ONE_TIME" | "TIME_BASED" = "ONE_TIME") {
  const issued = server.emulator.issueToken({ resources, accessType });
  secrets.push(issued.accessToken, issued.refreshToken);
  return issued;
}

const env = (accessToken: string) => ({
  DATAPORTABILITY_CONFIG_DIR: path.join(tmp.dir, "config"),
  DATAPORTABILITY_API_URL: server.url,
  DATAPORTABILITY_ACCESS_TOKEN: accessToken,
});

function cli(argv: string[], accessToken: string): Promise<CliResult> {
  return runCli(argv, { env: env(accessToken) });
}

function expectNoSecrets(result: CliResult): void {
  for (const secret of secrets) expect(result.all).not.toContain(secret);
  expect(result.all).not.toMatch(/ya29\.[\w-]{8}/);
  expect(result.all).not.toMatch(/1\/\/0[\w-]{8}/);
  expect(result.all).not.toMatch(/X-Goog-Signature=[0-9a-f]/i);
}

describe("readable errors for each fault, and never a token in the output", () => {
  it("429 one-time: says the consent is used, to download, reset, then log in again (exit 4)", async () => {
    const { accessToken } = token(["myactivity.youtube"]);
    const first = await cli(
      ["export", "-r", "myactivity.youtube", "-o", path.join(tmp.dir, "ot1")],
      accessToken,
    );
    expect(first.code, first.stderr).toBe(0);
    const jobId = /job (\d+)/.exec(first.stderr)?.[1];
    expect(jobId).toBeDefined();

    const again = await cli(
      ["export", "-r", "myactivity.youtube", "-o", path.join(tmp.dir, "ot2")],
      accessToken,
    );
    expect(again.code).toBe(EXIT_CODES.quota);
    expect(again.stderr).toContain("This one-time consent has been used");
    expect(again.stderr).toContain(
      "run `dataportability reset` after downloading, then `dataportability login` again",
    );
    expect(again.stderr).toContain(`dataportability download ${jobId}`);
    expectNoSecrets(first);
    expectNoSecrets(again);

    const json = await cli(
      ["export", "-r", "myactivity.youtube", "-o", path.join(tmp.dir, "ot3"), "--json"],
      accessToken,
    );
    expect(json.code).toBe(EXIT_CODES.quota);
    expect(JSON.parse(json.stdout)).toMatchObject({
      ok: false,
      error: {
        code: "quota-one-time",
        exitCode: 4,
        reason: "RESOURCE_EXHAUSTED_ONE_TIME",
        httpStatus: 429,
        previousJobIds: [jobId],
      },
    });
  });

  it("429 time-based: gives the time of the next allowed export (exit 4)", async () => {
    const { accessToken } = token(["myactivity.search"], "TIME_BASED");
    const first = await cli(
      ["export", "-r", "myactivity.search", "-o", path.join(tmp.dir, "tb1")],
      accessToken,
    );
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/The next time-based export is allowed at \d{4}-\d\d-\d\dT/);

    const again = await cli(
      ["export", "-r", "myactivity.search", "-o", path.join(tmp.dir, "tb2")],
      accessToken,
    );
    expect(again.code).toBe(EXIT_CODES.quota);
    expect(again.stderr).toContain("An export already ran in the last 24 hours");
    const next = /The next export is allowed at (\S+) \(in (\d+) h/.exec(again.stderr);
    expect(next, again.stderr).not.toBeNull();
    const nextAt = new Date(next![1]!).getTime();
    expect(Math.abs(nextAt - (server.emulator.clock.nowMs() + 86_400_000))).toBeLessThan(120_000);
    const json = await cli(
      ["export", "-r", "myactivity.search", "-o", path.join(tmp.dir, "tb3"), "--json"],
      accessToken,
    );
    expect(JSON.parse(json.stdout).error).toMatchObject({
      code: "quota-time-based",
      reason: "RESOURCE_EXHAUSTED_TIME_BASED",
      httpStatus: 429,
      nextAllowedAt: new Date(nextAt).toISOString(),
    });
    expectNoSecrets(first);
    expectNoSecrets(again);
  });

  it("401: the token expired or was revoked; log in again (exit 3)", async () => {
    const { accessToken } = token(["myactivity.youtube"]);
    server.emulator.revokeToken(accessToken);
    const result = await cli(["access"], accessToken);
    expect(result.code).toBe(EXIT_CODES.auth);
    expect(result.stderr).toMatch(/refused the credentials \(401 UNAUTHENTICATED/);
    expect(result.stderr).toContain("expired or was revoked");
    expect(result.stderr).toContain("dataportability login");
    expectNoSecrets(result);
  });

  it("403: the login does not cover the resource; consent to it (exit 3)", async () => {
    const { accessToken } = token(["myactivity.youtube"]);
    const result = await cli(
      ["export", "-r", "myactivity.search", "-o", path.join(tmp.dir, "pd")],
      accessToken,
    );
    expect(result.code).toBe(EXIT_CODES.auth);
    expect(result.stderr).toMatch(/does not authorize this \(403 PERMISSION_DENIED/);
    expect(result.stderr).toContain("dataportability login --resource");
    expectNoSecrets(result);
  });

  it("a FAILED job is retried up to 3 times by default, printing each new job", async () => {
    const { accessToken } = token(["myactivity.youtube"]);
    server.emulator.setFaults([{ name: "job-fails", times: 1 }]);
    const result = await cli(
      ["export", "-r", "myactivity.youtube", "-o", path.join(tmp.dir, "jr"), "--json"],
      accessToken,
    );
    expect(result.code, result.stderr).toBe(0);
    const retried = /Job (\d+) FAILED; retried it as new job (\d+) \(retry 1 of 3\)/.exec(
      result.stderr,
    );
    expect(retried, result.stderr).not.toBeNull();
    expect(JSON.parse(result.stdout)).toMatchObject({
      jobId: retried![2],
      jobIds: [retried![1], retried![2]],
    });

    server.emulator.setFaults([{ name: "job-fails", times: 4 }]);
    const { accessToken: second } = token(["myactivity.search"]);
    const exhausted = await cli(
      ["export", "-r", "myactivity.search", "-o", path.join(tmp.dir, "jx"), "--json"],
      second,
    );
    expect(exhausted.code, exhausted.stderr).toBe(EXIT_CODES.jobFailed);
    expect(exhausted.stderr.match(/retried it as new job/g)).toHaveLength(3);
    expect(exhausted.stderr).toContain("the 3 retries of this consent are used");
    const { error } = JSON.parse(exhausted.stdout);
    expect(error).toMatchObject({ code: "job-failed", exitCode: EXIT_CODES.jobFailed });
    expect(error.jobId).toMatch(/^\d+$/);
  });

  it("--no-retry-failed stops at a FAILED job (exit 5); `retry` by hand, then export --resume follows the new job", async () => {
    const { accessToken } = token(["myactivity.youtube"]);
    server.emulator.setFaults([{ name: "job-fails", times: 1 }]);
    const out = path.join(tmp.dir, "jf");
    const result = await cli(
      ["export", "-r", "myactivity.youtube", "-o", out, "--no-retry-failed"],
      accessToken,
    );
    expect(result.code).toBe(EXIT_CODES.jobFailed);
    const jobId = /Archive job (\d+) failed/.exec(result.stderr)?.[1];
    expect(jobId, result.stderr).toBeDefined();
    expect(result.stderr).toContain(`dataportability retry ${jobId}`);
    expect(result.stderr).toContain("export --resume");

    const retried = await cli(["retry", jobId!, "--json"], accessToken);
    expect(retried.code, retried.stderr).toBe(0);
    const { newJobId } = JSON.parse(retried.stdout);
    expect(newJobId).not.toBe(jobId);

    const resumed = await cli(["export", "--resume", "-o", out, "--json"], accessToken);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`Resuming export job ${newJobId}`);
    expect(JSON.parse(resumed.stdout)).toMatchObject({
      jobId: newJobId,
      jobIds: [jobId, newJobId],
    });
    expectNoSecrets(result);
    expectNoSecrets(resumed);
  });

  it("export --resume follows the retry of an interrupted run, also when the run stopped before saving it", async () => {
    const { accessToken } = token(["myactivity.youtube"]);
    server.emulator.setFaults([{ name: "job-fails", times: 1 }]);
    const out = path.join(tmp.dir, "jri");
    const controller = new AbortController();
    const stopped = await runCli(["export", "-r", "myactivity.youtube", "-o", out], {
      env: env(accessToken),
      signal: controller.signal,
      onStderr: (chunk) => {
        if (chunk.includes("retried it as new job")) controller.abort();
      },
    });
    expect(stopped.code, stopped.stderr).toBe(EXIT_CODES.interrupted);
    const [, failed, retried] = /Job (\d+) FAILED; retried it as new job (\d+)/.exec(
      stopped.stderr,
    )!;

    // As if the run had died between the retry and saving it: the file still names the failed job.
    const file = path.join(out, ".dataportability-export.json");
    const saved = JSON.parse(await readFile(file, "utf8"));
    saved.jobId = failed;
    saved.jobIds = [failed];
    saved.poller = { ...saved.poller, jobId: failed, jobIds: [failed], lastState: "FAILED" };
    await writeFile(file, JSON.stringify(saved));

    const jobsBefore = server.emulator.jobs().length;
    const resumed = await cli(["export", "--resume", "-o", out, "--json"], accessToken);
    expect(resumed.code, resumed.stderr).toBe(0);
    expect(resumed.stderr).toContain(`Resuming export job ${retried}`);
    expect(JSON.parse(resumed.stdout)).toMatchObject({ jobId: retried, jobIds: [failed, retried] });
    // Followed, not retried once more.
    expect(server.emulator.jobs().length).toBe(jobsBefore);
  });

  it("status and download show URLs without their signature", async () => {
    const { accessToken } = token(["chrome.history"]);
    const exported = await cli(
      ["export", "-r", "chrome.history", "-o", path.join(tmp.dir, "st"), "--json"],
      accessToken,
    );
    expect(exported.code, exported.stderr).toBe(0);
    const { jobId } = JSON.parse(exported.stdout);
    const status = await cli(["status", jobId], accessToken);
    expect(status.code).toBe(0);
    expect(status.stdout).toContain("COMPLETE");
    expect(status.stdout).toContain(`${server.storageUrl}/`);
    expect(status.stdout).not.toContain("?");
    const download = await cli(
      ["download", jobId, "-o", path.join(tmp.dir, "st2"), "--extract"],
      accessToken,
    );
    expect(download.code, download.stderr).toBe(0);
    expect(download.stdout).toContain("extracted to");
    expectNoSecrets(status);
    expectNoSecrets(download);
  });
});
