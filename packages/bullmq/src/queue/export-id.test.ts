import { InvalidArgumentError } from "@dataportability/core";
import { describe, expect, it } from "vitest";
import { exportIdFor, userPathSegment, validateExportId } from "./export-id.js";

describe("exportIdFor", () => {
  it("is the same for the same request, whatever the resource order", () => {
    const a = exportIdFor({ userId: "u1", resources: ["myactivity.youtube", "myactivity.search"] });
    const b = exportIdFor({ userId: "u1", resources: ["myactivity.search", "myactivity.youtube"] });
    expect(a).toBe(b);
    expect(a).toMatch(/^exp_[0-9a-f]{40}$/);
  });

  it("differs by user and by time range", () => {
    const base = { userId: "u1", resources: ["myactivity.youtube" as const] };
    const ids = new Set([
      exportIdFor(base),
      exportIdFor({ ...base, userId: "u2" }),
      exportIdFor({ ...base, startTime: "2026-01-01T00:00:00Z" }),
      exportIdFor({ ...base, endTime: new Date("2026-01-01T00:00:00Z") }),
    ]);
    expect(ids.size).toBe(4);
  });

  it("rejects a missing user and unknown resources", () => {
    expect(() => exportIdFor({ userId: "", resources: ["myactivity.youtube"] })).toThrow(
      InvalidArgumentError,
    );
    expect(() => exportIdFor({ userId: "u", resources: ["myactivity.yt" as never] })).toThrow(
      /myactivity/,
    );
  });
});

describe("validateExportId", () => {
  it.each(["daily-u1-2026-01-01", "exp_abc", "a.b"])("accepts %s", (id) => {
    expect(validateExportId(id)).toBe(id);
  });
  it.each(["", "a:b", "123", "..", ".hidden", "a/b", "x".repeat(201)])("refuses %j", (id) => {
    expect(() => validateExportId(id)).toThrow(/exportId/);
  });
});

describe("userPathSegment", () => {
  it("encodes everything that could leave a folder", () => {
    expect(userPathSegment("..")).toBe("%2E%2E");
    expect(userPathSegment("a/b\\c")).toBe("a%2Fb%5Cc");
    expect(userPathSegment("jane.doe@example.com")).toBe("jane%2Edoe%40example%2Ecom");
    expect(userPathSegment("é")).toBe("%C3%A9");
  });
  it("hashes very long IDs", () => {
    expect(userPathSegment("x".repeat(500))).toMatch(/^u_[0-9a-f]{40}$/);
  });
});
