import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { importMinifiedBuild } from "./support/minify-built.mjs";

type Exports = Record<string, unknown>;
type ErrorClass = new (...args: unknown[]) => Error;

const errorClasses = (exports: Exports): [string, ErrorClass][] =>
  Object.entries(exports).filter(
    (entry): entry is [string, ErrorClass] =>
      typeof entry[1] === "function" && entry[1].prototype instanceof Error,
  );

// Arguments each constructor can be called with; the others take strings.
const ARGS: Record<string, unknown[]> = {
  PortabilityApiError: [{ httpStatus: 429, message: "Quota exceeded" }],
  ArchiveFailedError: ["job-2", ["job-1", "job-2"]],
  WaitTimeoutError: ["job-1", 1000],
};

describe("errors of core's built ESM, bundled with minify", () => {
  let built: { index: Exports; oauth: Exports; remove: () => Promise<void> };
  beforeAll(async () => {
    built = await importMinifiedBuild();
  });
  afterAll(() => built.remove());

  it("renames the classes, so a name taken from the class would be lost", () => {
    const { ArchiveFailedError } = built.index as { ArchiveFailedError: ErrorClass };
    expect(ArchiveFailedError.name).not.toBe("ArchiveFailedError");
  });

  it.each(["index", "oauth"] as const)("keep their literal names (%s entry)", (entry) => {
    const classes = errorClasses(built[entry]);
    expect(classes.length).toBeGreaterThan(0);
    for (const [exportName, ErrorClass] of classes) {
      const error = new ErrorClass(...(ARGS[exportName] ?? ["job-1", "a problem", "a fix"]));
      expect({ exportName, name: error.name }).toEqual({ exportName, name: exportName });
    }
  });

  it("covers every error class core exports", () => {
    expect(
      errorClasses(built.index)
        .map(([name]) => name)
        .sort(),
    ).toEqual([
      "ArchiveCancelledError",
      "ArchiveFailedError",
      "ArchiveJobError",
      "ArchiveNotReadyError",
      "InvalidArgumentError",
      "PortabilityApiError",
      "PortabilityError",
      "WaitTimeoutError",
    ]);
    expect(errorClasses(built.oauth).map(([name]) => name)).toContain("OAuthError");
  });
});
