import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { InvalidArgumentError } from "@dataportability/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createFileTokenStore, defaultConfigDir, TokenStoreError } from "./file-token-store.js";
import { StoredCredentials } from "./stored-credentials.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(tmpdir(), "dp-store-"));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("createFileTokenStore", () => {
  it("round-trips credentials in a 0600 file inside 0700 folders", async () => {
    const store = createFileTokenStore({ dir: path.join(dir, "config") });
    const expiresAt = new Date("2026-01-01T01:00:00Z");
    await store.save("default", {
      accessToken: "ya29.A",
      refreshToken: "1//R",
      expiresAt,
      scope: "s1 s2",
      tokenType: "Bearer",
      clientId: "cid",
    });
    const file = store.fileFor("default");
    expect(file).toBe(path.join(dir, "config", "credentials", "default.json"));
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect((await stat(path.join(dir, "config"))).mode & 0o777).toBe(0o700);
    expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
    const loaded = await store.load("default");
    expect(loaded).toBeInstanceOf(StoredCredentials);
    expect(loaded?.toData()).toEqual({
      accessToken: "ya29.A",
      refreshToken: "1//R",
      expiresAt,
      scope: "s1 s2",
      tokenType: "Bearer",
      clientId: "cid",
    });
    // No temporary files are left behind.
    expect(await readdir(path.dirname(file))).toEqual(["default.json"]);
  });

  it("keeps the stored refresh token when a refresh response omits it", async () => {
    const store = createFileTokenStore({ dir });
    await store.save("work", { accessToken: "old", refreshToken: "1//keep" });
    const saved = await store.save("work", new StoredCredentials({ accessToken: "new" }));
    expect(saved.refreshToken).toBe("1//keep");
    expect((await store.load("work"))?.refreshToken).toBe("1//keep");
    expect((await store.load("work"))?.accessToken).toBe("new");
  });

  it("lists, deletes, and returns undefined for unknown profiles", async () => {
    const store = createFileTokenStore({ dir });
    expect(await store.list()).toEqual([]);
    await store.save("b", { accessToken: "x" });
    await store.save("a", { accessToken: "y" });
    expect(await store.list()).toEqual(["a", "b"]);
    expect(await store.delete("a")).toBe(true);
    expect(await store.delete("a")).toBe(false);
    expect(await store.load("a")).toBeUndefined();
    expect(await store.list()).toEqual(["b"]);
  });

  it.each(["../evil", "a/b", ".hidden", "", "-x", "x".repeat(65)])(
    "refuses the profile name %j before touching the disk",
    async (profile) => {
      const store = createFileTokenStore({ dir });
      await expect(store.save(profile, { accessToken: "x" })).rejects.toBeInstanceOf(
        InvalidArgumentError,
      );
      await expect(store.load(profile)).rejects.toThrow(/profile/);
      expect(await readdir(dir)).toEqual([]);
    },
  );

  it("reports a corrupt file by name without quoting its contents", async () => {
    const store = createFileTokenStore({ dir });
    await store.save("p", { accessToken: "x" });
    await writeFile(store.fileFor("p"), '{"accessToken": "ya29.LEAK" oops');
    const error = await store.load("p").catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(TokenStoreError);
    expect(String(error)).toContain("p.json");
    expect(String(error)).not.toContain("LEAK");
    expect(JSON.stringify(error)).not.toContain("LEAK");
    expect(await readFile(store.fileFor("p"), "utf8")).toContain("LEAK");
  });

  it("defaults to $XDG_CONFIG_HOME/dataportability, else ~/.config/dataportability", () => {
    expect(defaultConfigDir({ XDG_CONFIG_HOME: "/xdg" })).toBe(
      path.join("/xdg", "dataportability"),
    );
    expect(defaultConfigDir({})).toMatch(/\.config[/\\]dataportability$/);
  });
});
