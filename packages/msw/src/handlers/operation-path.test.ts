import { describe, expect, it } from "vitest";
import { OperationPath } from "./operation-path.js";

const api = "https://dataportability.googleapis.com";

describe("OperationPath", () => {
  it("matches custom-method colons literally", () => {
    const retry = new OperationPath("dataportability.archiveJobs.retry", api);
    expect(retry.match(new URL(`${api}/v1/archiveJobs/123:retry`))).toEqual({
      archiveJobsId: "123",
    });
    expect(retry.match(new URL(`${api}/v1/archiveJobs/123:cancel`))).toBeUndefined();
    expect(retry.match(new URL(`${api}/v1/archiveJobs/123retry`))).toBeUndefined();
    expect(retry.method).toBe("POST");
  });

  it("regression: ':initiate' is not a path parameter", () => {
    const initiate = new OperationPath("dataportability.portabilityArchive.initiate", api);
    expect(initiate.match(new URL(`${api}/v1/portabilityArchive:initiate`))).toEqual({});
    expect(initiate.match(new URL(`${api}/v1/portabilityArchiveXinitiate`))).toBeUndefined();
    expect(initiate.match(new URL(`${api}/v1/portabilityArchive:anything`))).toBeUndefined();
  });

  it("accepts a percent-encoded colon and ignores the query", () => {
    const cancel = new OperationPath("dataportability.archiveJobs.cancel", api);
    expect(cancel.match(new URL(`${api}/v1/archiveJobs/9%3Acancel?alt=json`))).toEqual({
      archiveJobsId: "9",
    });
  });

  it("checks the origin and honours a base path", () => {
    const state = new OperationPath(
      "dataportability.archiveJobs.getPortabilityArchiveState",
      "http://127.0.0.1:9/api/",
    );
    expect(
      state.match(new URL("http://127.0.0.1:9/api/v1/archiveJobs/5/portabilityArchiveState")),
    ).toEqual({ archiveJobsId: "5" });
    expect(
      state.match(new URL("http://127.0.0.1:9/v1/archiveJobs/5/portabilityArchiveState")),
    ).toBeUndefined();
    expect(
      state.match(new URL(`${api}/api/v1/archiveJobs/5/portabilityArchiveState`)),
    ).toBeUndefined();
  });

  it("builds URLs and rejects unknown operations", () => {
    expect(
      new OperationPath("dataportability.archiveJobs.cancel", api).url({ archiveJobsId: "7" }),
    ).toBe(`${api}/v1/archiveJobs/7:cancel`);
    expect(() => new OperationPath("nope" as never, api)).toThrow(/Unknown operation/);
  });
});
