import { expect } from "vitest";

type ErrorClass<T extends Error> = abstract new (...args: never[]) => T;

function thrown<T extends Error>(error: unknown, type: ErrorClass<T>): T {
  expect(error).toBeInstanceOf(type);
  return error as T;
}

function returned(type: ErrorClass<Error>): never {
  expect.fail(`expected the call to throw ${type.name}, but it returned`);
}

/**
 * Asserts that a call throws (or a promise rejects with) an instance of `type`, and returns
 * that error for further checks. A function that throws synchronously gives the error at
 * once; a promise, or a function returning one, gives a promise of it.
 *
 * @example
 * const error = expectError(() => validateResources([]), InvalidArgumentError);
 * expect(error.field).toBe("resources");
 * const apiError = await expectError(client.retryArchive("j"), PortabilityApiError);
 */
export function expectError<T extends Error>(
  call: PromiseLike<unknown> | (() => PromiseLike<unknown>),
  type: ErrorClass<T>,
): Promise<T>;
export function expectError<T extends Error>(call: () => unknown, type: ErrorClass<T>): T;
export function expectError<T extends Error>(
  call: PromiseLike<unknown> | (() => unknown),
  type: ErrorClass<T>,
): T | Promise<T> {
  let result: unknown;
  try {
    result = typeof call === "function" ? call() : call;
  } catch (error) {
    return thrown(error, type);
  }
  if (typeof (result as PromiseLike<unknown> | undefined)?.then === "function") {
    return Promise.resolve(result).then(
      () => returned(type),
      (error: unknown) => thrown(error, type),
    );
  }
  return returned(type);
}
