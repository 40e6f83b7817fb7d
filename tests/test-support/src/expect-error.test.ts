import { describe, expect, it } from "vitest";
import { expectError } from "./expect-error.js";

class ExpectedError extends Error {
  override readonly name = "ExpectedError";
}

const fails = async (check: () => unknown) =>
  expect(
    await Promise.resolve()
      .then(check)
      .then(
        () => "passed",
        (error: Error) => error.message,
      ),
  );

describe("expectError", () => {
  it("returns a synchronously thrown error of the class at once", () => {
    const error = new ExpectedError("sync");
    expect(
      expectError(() => {
        throw error;
      }, ExpectedError),
    ).toBe(error);
  });

  it("returns the rejection of a promise, or of a function returning one", async () => {
    const error = new ExpectedError("async");
    expect(await expectError(Promise.reject(error), ExpectedError)).toBe(error);
    expect(await expectError(async () => Promise.reject(error), ExpectedError)).toBe(error);
  });

  it("fails when the call returns", async () => {
    (await fails(() => expectError(() => 1, ExpectedError))).toMatch(
      "expected the call to throw ExpectedError, but it returned",
    );
    (await fails(() => expectError(Promise.resolve(1), ExpectedError))).toMatch("but it returned");
  });

  it("fails when the call throws an error of another class", async () => {
    (
      await fails(() =>
        expectError(() => {
          throw new TypeError("other");
        }, ExpectedError),
      )
    ).toMatch(/instance of ExpectedError/i);
  });
});
