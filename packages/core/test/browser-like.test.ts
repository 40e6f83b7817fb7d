import { beforeAll, describe, expect, it } from "vitest";
import {
  runWithoutNodeGlobals,
  type WithoutNodeGlobalsReport,
} from "./support/run-without-node-globals.mjs";

describe("the built package without Node globals (browser, Deno, Bun, edge)", () => {
  let report: WithoutNodeGlobalsReport;
  beforeAll(() => {
    report = runWithoutNodeGlobals();
  });

  it("imports and runs a whole export, a token refresh and an OAuth request", () => {
    expect(report.error).toBeUndefined();
    expect(report.result).toMatchObject({
      jobId: "web-1",
      jobIds: ["web-1"],
      accessType: "ONE_TIME",
      urlsExpireAt: "2026-01-01T06:00:00.000Z",
    });
    expect(report.invalid).toBe("InvalidArgumentError");
    expect(report.scope).toBe("https://www.googleapis.com/auth/dataportability.myactivity.youtube");
    const url = new URL(report.authorizationUrl!);
    expect(url.searchParams.get("code_challenge_method")).toBe("S256");
    expect(url.searchParams.get("access_type")).toBe("offline");
  });

  it("touches no Node global; openapi-fetch only probes `typeof process`", () => {
    const { lookedUp } = report;
    expect(lookedUp.filter((l) => l.caller.includes("/packages/core/dist/"))).toEqual([]);
    for (const { name, caller } of lookedUp) {
      expect(name).toBe("process");
      expect(caller).toMatch(/supportsRequestInitExt .*openapi-fetch/);
    }
  });
});
