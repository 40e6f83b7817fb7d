import { readFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createEmulatorServer, type EmulatorServer } from "@dataportability/msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMULATOR_HEADER } from "../src/emulator/emulator-identity.js";
import { EXIT_CODES } from "../src/index.js";
import { runCli, tempDir } from "./support/run-cli.js";

let tmp: Awaited<ReturnType<typeof tempDir>>;
let server: EmulatorServer;
let proxy: Server;
let proxyUrl: string;

beforeAll(async () => {
  tmp = await tempDir();
  // Jobs stay IN_PROGRESS, so every run waits and plans its next check.
  server = await createEmulatorServer({ completeAfterPolls: 1000 });
  // A loopback proxy in front of the emulator that hides what it is, as a local proxy or
  // tunnel to Google would be.
  proxy = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const answer = await fetch(`${server.url}${req.url}`, {
      method: req.method ?? "GET",
      headers: Object.entries(req.headers).flatMap(([name, value]) =>
        typeof value === "string" && name !== "host" ? [[name, value] as [string, string]] : [],
      ),
      ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}),
    });
    const headers = Object.fromEntries(
      [...answer.headers].filter(
        ([name]) =>
          name !== EMULATOR_HEADER && name !== "content-encoding" && name !== "content-length",
      ),
    );
    res.writeHead(answer.status, headers).end(Buffer.from(await answer.arrayBuffer()));
  });
  await new Promise<void>((resolve) => proxy.listen(0, "127.0.0.1", resolve));
  proxyUrl = `http://127.0.0.1:${(proxy.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise((resolve) => proxy.close(resolve));
  await server.close();
  await tmp.remove();
});

/** Starts an export, stops it after the first check, and returns the planned wait to the next. */
async function plannedWaitMs(apiUrl: string, name: string): Promise<number> {
  const { accessToken } = server.emulator.issueToken({
    resources: ["myactivity.youtube"],
    user: name,
  });
  const out = path.join(tmp.dir, name);
  const controller = new AbortController();
  const result = await runCli(["export", "-r", "myactivity.youtube", "-o", out], {
    env: {
      DATAPORTABILITY_CONFIG_DIR: path.join(tmp.dir, "config"),
      DATAPORTABILITY_API_URL: apiUrl,
      DATAPORTABILITY_ACCESS_TOKEN: accessToken,
    },
    signal: controller.signal,
    onStderr: (chunk) => {
      if (chunk.includes(": IN_PROGRESS")) controller.abort();
    },
  });
  expect(result.code, result.stderr).toBe(EXIT_CODES.interrupted);
  const saved = JSON.parse(await readFile(path.join(out, ".dataportability-export.json"), "utf8"));
  expect(saved.poller.checks).toBe(1);
  return Date.parse(saved.poller.nextCheckAt) - Date.parse(saved.poller.startedAt);
}

describe("polling speed follows what the server is, not where it is", () => {
  it("polls sub-second only a server that identifies itself as the emulator", async () => {
    expect(await plannedWaitMs(server.url, "direct")).toBeLessThan(1000);
  });

  it("gives a loopback server that does not (a proxy or tunnel to Google) Google's schedule", async () => {
    // Google's first wait is 10 s with ±25 % jitter.
    expect(await plannedWaitMs(proxyUrl, "proxied")).toBeGreaterThanOrEqual(7500);
  });
});
