import { describe, expect, it } from "vitest";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { parseSavedExport, retriesFor, type SavedExport } from "./saved-export.js";

const valid: SavedExport = {
  version: 1,
  jobId: "b",
  jobIds: ["a", "b"],
  retriesLeft: 2,
  lastState: "IN_PROGRESS",
  checks: 4,
  startedAt: "2026-01-01T00:00:00.000Z",
  deadline: "2026-01-08T00:00:00.000Z",
  nextCheckAt: "2026-01-01T01:00:00.000Z",
};

describe("parseSavedExport", () => {
  it("reads an object or its JSON text into a copy", () => {
    expect(parseSavedExport(valid, "saved")).toEqual(valid);
    expect(parseSavedExport(JSON.stringify(valid), "saved")).toEqual(valid);
    expect(parseSavedExport(valid, "saved").jobIds).not.toBe(valid.jobIds);
  });

  it.each<[string, unknown]>([
    ["saved", "{"],
    ["saved", null],
    ["saved", [valid]],
    ["saved", "a string"],
    ["saved.version", { ...valid, version: 2 }],
    ["saved.version", { jobId: "x" }],
    ["saved.jobIds", { ...valid, jobIds: [] }],
    ["saved.jobIds", { ...valid, jobIds: ["a", "../b"] }],
    ["saved.jobIds", { ...valid, jobIds: ["a", "b", "c", "d", "e"] }],
    ["saved.jobId", { ...valid, jobId: "a" }],
    ["saved.retriesLeft", { ...valid, retriesLeft: 3 }],
    ["saved.retriesLeft", { ...valid, retriesLeft: -1 }],
    ["saved.retriesLeft", { ...valid, retriesLeft: "2" }],
    ["saved.lastState", { ...valid, lastState: "DONE" }],
    ["saved.checks", { ...valid, checks: 1.5 }],
    ["saved.startedAt", { ...valid, startedAt: "2026-01-01" }],
    ["saved.deadline", { ...valid, deadline: "tomorrow" }],
    ["saved.deadline", { ...valid, deadline: "2025-12-31T00:00:00.000Z" }],
    ["saved.nextCheckAt", { ...valid, nextCheckAt: "2026-02-01T00:00:00.000Z" }],
  ])("names %s when refusing %j", (field, value) => {
    const error = (() => {
      try {
        parseSavedExport(value, "saved");
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ field });
  });
});

describe("retriesFor", () => {
  it("reads true as the API's limit and cuts counts to it", () => {
    expect([undefined, false, true, 0, 2, 3, 7].map((value) => retriesFor(value))).toEqual([
      0, 0, 3, 0, 2, 3, 3,
    ]);
  });

  it.each([-1, 1.5, Number.NaN, "3"])("refuses %j", (value) => {
    expect(() => retriesFor(value)).toThrow(expect.objectContaining({ field: "retryFailed" }));
  });
});
