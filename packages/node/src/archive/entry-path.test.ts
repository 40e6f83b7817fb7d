import path from "node:path";
import { describe, expect, it } from "vitest";
import { UnsafeArchiveEntryError } from "../errors.js";
import { resolveEntryPath } from "./entry-path.js";

const root = path.resolve("/tmp/extract-root");

describe("resolveEntryPath", () => {
  it("resolves ordinary names inside the root", () => {
    expect(resolveEntryPath(root, "Takeout/YouTube/history.json")).toBe(
      path.join(root, "Takeout", "YouTube", "history.json"),
    );
    expect(resolveEntryPath(root, "./a//b/")).toBe(path.join(root, "a", "b"));
    expect(resolveEntryPath(root, "a\\b.txt")).toBe(path.join(root, "a", "b.txt"));
  });

  it.each([
    ["../evil.txt", "'..'"],
    ["a/../../evil.txt", "'..'"],
    ["..\\..\\evil.txt", "'..'"],
    ["/etc/passwd", "absolute"],
    ["\\\\server\\share\\x", "absolute"],
    ["C:/Windows/x", "drive letter"],
    ["c:evil", "drive letter"],
    ["a\0b", "NUL"],
    ["./", "empty"],
  ])("refuses %j (%s)", (name, problem) => {
    let error: unknown;
    try {
      resolveEntryPath(root, name);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(UnsafeArchiveEntryError);
    expect((error as UnsafeArchiveEntryError).entryName).toBe(name);
    expect((error as Error).message).toContain(problem);
  });
});
