import { type ChildProcess, execFile, spawn } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const bin = join(root, "dist", "bin.js");
let child: ChildProcess | undefined;
let baseUrl = "";

function newestSource(dir: string): number {
  return Math.max(
    ...readdirSync(dir).map((name) => {
      const path = join(dir, name);
      return statSync(path).isDirectory() ? newestSource(path) : statSync(path).mtimeMs;
    }),
  );
}

beforeAll(async () => {
  if (!existsSync(bin) || statSync(bin).mtimeMs < newestSource(join(root, "src"))) {
    throw new Error(
      "dist/bin.js is missing or older than src/: run `pnpm --filter @dataportability/msw build` first (turbo's test task does)",
    );
  }
  child = spawn(
    process.execPath,
    [bin, "--port", "0", "--archive-bytes", "200KiB", "--archives-per-job", "2"],
    {
      stdio: ["ignore", "pipe", "pipe"],
    },
  );
  const firstLine = createInterface({ input: child.stdout! })[Symbol.asyncIterator]().next();
  baseUrl = String((await firstLine).value);
});

afterAll(() => {
  child?.kill("SIGTERM");
});

describe("dataportability-emulator with only curl", () => {
  it("prints its loopback base URL", () => {
    expect(baseUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  });

  it("token, initiate, poll, download + unzip -t, 429 on a second one-time initiate, Authorization refused", async () => {
    const { stdout } = await promisify(execFile)("bash", [
      join(root, "scripts", "curl-walkthrough.sh"),
      baseUrl,
    ]);
    expect(stdout).toContain("ok - token endpoint issued an access token");
    expect(stdout).toMatch(/ok - job \d+ is COMPLETE/);
    expect(stdout.match(/unzip -t passes/g)).toHaveLength(2);
    expect(stdout).toContain("429 RESOURCE_EXHAUSTED_ONE_TIME");
    expect(stdout).toContain("refused: HTTP 400 InvalidArgument");
    expect(stdout.trim().split("\n").pop()).toBe("7 passed, 0 failed");
  });
});
