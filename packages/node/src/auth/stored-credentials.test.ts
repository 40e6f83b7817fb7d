import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { StoredCredentials } from "./stored-credentials.js";

const secret = { accessToken: "ya29.ACCESS-SECRET", refreshToken: "1//REFRESH-SECRET" };

describe("StoredCredentials", () => {
  it("never shows tokens through JSON, inspect, template strings or console formatting", () => {
    const credentials = new StoredCredentials({
      ...secret,
      expiresAt: new Date("2026-01-01T01:00:00Z"),
      scope: "scope.a scope.b",
    });
    const views = [
      JSON.stringify(credentials),
      JSON.stringify({ nested: [credentials] }),
      inspect(credentials),
      inspect({ deep: { credentials } }, { depth: 10 }),
      `${credentials}`,
      String(credentials),
    ];
    for (const view of views) {
      expect(view).not.toContain("SECRET");
    }
    expect(JSON.parse(JSON.stringify(credentials))).toEqual({
      accessToken: "[redacted]",
      refreshToken: "[redacted]",
      expiresAt: "2026-01-01T01:00:00.000Z",
      scope: "scope.a scope.b",
    });
    expect(Object.keys(credentials)).not.toContain("accessToken");
    expect(credentials.accessToken).toBe(secret.accessToken);
    expect(credentials.refreshToken).toBe(secret.refreshToken);
    expect(credentials.scopes).toEqual(["scope.a", "scope.b"]);
  });

  it("knows when it expires, with a safety margin", () => {
    const credentials = new StoredCredentials({ ...secret, expiresAt: new Date(100_000) });
    expect(credentials.isExpired(30_000)).toBe(false);
    expect(credentials.isExpired(40_000)).toBe(true);
    expect(credentials.isExpired(40_000, 0)).toBe(false);
    expect(new StoredCredentials({ accessToken: "x" }).isExpired()).toBe(false);
  });

  it("keeps the refresh token when updated without one", () => {
    const next = new StoredCredentials(secret).with({
      accessToken: "new",
      refreshToken: undefined,
    });
    expect(next.accessToken).toBe("new");
    expect(next.refreshToken).toBe(secret.refreshToken);
  });
});
