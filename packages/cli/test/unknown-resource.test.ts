import path from "node:path";
import { handlers, rpcError } from "@dataportability/msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { EXIT_CODES } from "../src/index.js";
import { runCli, tempDir } from "./support/run-cli.js";

const server = setupServer();
const sent: unknown[] = [];
let tmp: Awaited<ReturnType<typeof tempDir>>;
beforeAll(async () => {
  tmp = await tempDir();
  server.listen({ onUnhandledRequest: "error" });
});
afterEach(() => {
  server.resetHandlers();
  sent.length = 0;
});
afterAll(async () => {
  server.close();
  await tmp.remove();
});

/** Google refusing a second time-based export within 24 hours, as its time-based guide shows. */
const refuseWithinDay = handlers.initiate(({ body }) => {
  sent.push(body?.resources);
  return rpcError({ status: "FAILED_PRECONDITION", message: "Precondition check failed." });
});

const exportTo = (folder: string, ...args: string[]) =>
  runCli(["export", "--out", path.join(tmp.dir, folder), ...args], {
    env: {
      DATAPORTABILITY_CONFIG_DIR: path.join(tmp.dir, "config"),
      DATAPORTABILITY_ACCESS_TOKEN: "ya29.unknown-resource-test",
    },
  });

describe("export --allow-unknown-resource", () => {
  it("refuses a name this version does not list by default, before any request", async () => {
    server.use(refuseWithinDay);
    const result = await exportTo("default", "-r", "pixel.device_data");
    expect(result.code).toBe(EXIT_CODES.usage);
    expect(result.stderr).toContain('Unknown resource "pixel.device_data"');
    expect(sent).toEqual([]);
  });

  it("sends a well-formed name through to the API, whose answer decides", async () => {
    server.use(refuseWithinDay);
    const result = await exportTo(
      "allowed",
      "-r",
      "pixel.device_data,myactivity.youtube",
      "--allow-unknown-resource",
    );
    expect(sent).toEqual([["pixel.device_data", "myactivity.youtube"]]);
    // FAILED_PRECONDITION on initiate is the 24-hour limit of time-based access: exit code 4.
    expect(result.code, result.stderr).toBe(EXIT_CODES.quota);
    expect(result.stderr).toContain("time-based access allows one export per 24 hours");
    expect(result.all).not.toContain("ya29.unknown-resource-test");
  });

  it("still refuses a malformed name", async () => {
    server.use(refuseWithinDay);
    const result = await exportTo("malformed", "-r", "Pixel Data", "--allow-unknown-resource");
    expect(result.code).toBe(EXIT_CODES.usage);
    expect(result.stderr).toContain('Unknown resource "Pixel Data"');
    expect(sent).toEqual([]);
  });
});

describe("the 24-hour limit in Google's two forms", () => {
  it("429 RESOURCE_EXHAUSTED_TIME_BASED also exits with 4", async () => {
    server.use(
      handlers.initiate(
        rpcError({
          status: "RESOURCE_EXHAUSTED",
          message: "Resource exhausted.",
          reason: "RESOURCE_EXHAUSTED_TIME_BASED",
          metadata: { timestamp_after_24hrs: "2030-01-02T09:30:00Z" },
        }),
      ),
    );
    const result = await exportTo("quickstart", "-r", "myactivity.youtube");
    expect(result.code, result.stderr).toBe(EXIT_CODES.quota);
    expect(result.stderr).toContain("The next export is allowed at 2030-01-02T09:30:00.000Z");
  });
});
