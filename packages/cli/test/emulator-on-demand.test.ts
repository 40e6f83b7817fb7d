import { execFile } from "node:child_process";
import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../src/index.js";

const bin = path.resolve(import.meta.dirname, "..", "dist", "bin.js");

/** A module loader hook that names on stderr every module of the emulator or of msw it loads. */
const HOOK = `export async function load(url, context, next) {
  if (/\\/packages\\/msw\\/|\\/node_modules\\/msw\\/|\\/@dataportability\\/msw\\//.test(url)) {
    process.stderr.write("EMULATOR-MODULE " + url + "\\n");
  }
  return next(url, context);
}`;

let dir: string;
let register: string;
let refusing: Server;
let apiUrl: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "cli-on-demand-"));
  await writeFile(path.join(dir, "hook.mjs"), HOOK);
  register = path.join(dir, "register.mjs");
  await writeFile(
    register,
    `import { register } from "node:module";\nregister(${JSON.stringify(pathToFileURL(path.join(dir, "hook.mjs")).href)});\n`,
  );
  refusing = createServer((request, response) => {
    request.resume();
    response.writeHead(401, { "content-type": "application/json; charset=UTF-8" });
    response.end(
      JSON.stringify({ error: { code: 401, message: "Invalid", status: "UNAUTHENTICATED" } }),
    );
  });
  await new Promise<void>((listening) => refusing.listen(0, "127.0.0.1", listening));
  apiUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
});

afterAll(async () => {
  await new Promise((closed) => refusing.close(closed));
  await rm(dir, { recursive: true, force: true });
});

/** Runs dist/bin.js with the hook; resolves with its exit code and what it printed. */
function runTraced(args: string[]): Promise<{ code: number; output: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", register, bin, ...args],
      {
        cwd: dir,
        env: {
          PATH: process.env["PATH"],
          HOME: dir,
          XDG_CONFIG_HOME: dir,
          NO_COLOR: "1",
          DATAPORTABILITY_API_URL: apiUrl,
          DATAPORTABILITY_ACCESS_TOKEN: "ya29.refused",
        },
      },
      (error, stdout, stderr) => {
        resolve({ code: error ? Number(error.code) : 0, output: stdout + stderr });
      },
    );
  });
}

describe("the emulator is loaded only when a command uses it", () => {
  it("export against a non-emulator API URL loads no module of the emulator or msw", async () => {
    const result = await runTraced(["export", "--resource", "myactivity.youtube", "--out", "out"]);
    expect(result.code).toBe(EXIT_CODES.auth);
    expect(result.output).toContain("401");
    expect(result.output).not.toContain("EMULATOR-MODULE");
  });

  it("--version loads none either", async () => {
    const result = await runTraced(["--version"]);
    expect(result.code).toBe(0);
    expect(result.output).not.toContain("EMULATOR-MODULE");
  });

  it("the emulator command does load it (the hook sees it)", async () => {
    const result = await runTraced(["emulator", "--help"]);
    expect(result.code).toBe(0);
    expect(result.output).toContain("EMULATOR-MODULE");
  });
});
