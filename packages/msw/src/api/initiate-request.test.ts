import { describe, expect, it } from "vitest";
import { validateInitiateRequest } from "./initiate-request.js";

const now = Date.parse("2026-01-01T00:00:00Z");

describe("validateInitiateRequest", () => {
  it("normalises a valid request and removes duplicate resources", () => {
    const result = validateInitiateRequest(
      {
        resources: ["myactivity.youtube", "myactivity.youtube"],
        startTime: "2025-01-01T00:00:00+01:00",
        endTime: "2025-06-01T00:00:00.5Z",
      },
      now,
    );
    expect(result).toEqual({
      ok: true,
      request: {
        resources: ["myactivity.youtube"],
        startTime: "2024-12-31T23:00:00Z",
        startMs: Date.parse("2024-12-31T23:00:00Z"),
        endTime: "2025-06-01T00:00:00.500Z",
        endMs: Date.parse("2025-06-01T00:00:00.500Z"),
      },
    });
  });

  it("lists every bad field", () => {
    const result = validateInitiateRequest(
      {
        resources: [
          "myactivity.youtube",
          "nope",
          "https://www.googleapis.com/auth/dataportability.myactivity.search",
        ],
        startTime: "yesterday",
        extra: 1,
      },
      now,
    );
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.violations.map((v) => v.field)).toEqual([
      "extra",
      "resources[1]",
      "resources[2]",
      "startTime",
    ]);
    expect(result.violations[2]!.description).toContain('"myactivity.search"');
  });

  it.each([
    [{}, "resources"],
    [{ resources: [] }, "resources"],
    [{ resources: "myactivity.youtube" }, "resources"],
    [
      {
        resources: ["myactivity.youtube"],
        startTime: "2025-06-01T00:00:00Z",
        endTime: "2025-01-01T00:00:00Z",
      },
      "endTime",
    ],
    [{ resources: ["myactivity.youtube"], startTime: "2027-01-01T00:00:00Z" }, "startTime"],
    [{ resources: ["myactivity.youtube"], endTime: "2025-01-01" }, "endTime"],
  ])("rejects %j at %s", (body, field) => {
    const result = validateInitiateRequest(body, now);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.violations.map((v) => v.field)).toContain(field);
  });

  it("rejects a body that is not an object", () => {
    expect(validateInitiateRequest([], now).ok).toBe(false);
    expect(validateInitiateRequest(null, now).ok).toBe(false);
  });
});
