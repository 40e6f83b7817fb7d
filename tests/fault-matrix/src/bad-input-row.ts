import { expect } from "vitest";

/** How a call with bad input ended. */
export type CallResult = { value: unknown } | { error: unknown };

/** One row of a bad-input table. */
export interface BadInputRow<Context> {
  /** The public function or command. */
  fn: string;
  /** What is wrong with the input. */
  input: string;
  call: (context: Context) => unknown;
  /** Asserts the result: a clear typed error, usually. */
  check: (result: CallResult) => void;
  /** The bad value came from the server, so a request is expected. */
  fromServer?: boolean;
  /**
   * A known defect of the package under test. The row still states the behaviour we want; the
   * test asserts that it is not met in exactly the documented way (`symptom` matches the failed
   * assertion), so the row turns red, to have its `knownGap` removed, once the defect is fixed.
   */
  knownGap?: { defect: string; symptom: RegExp };
}

/** Longest message we call readable: it may quote the input, but not all of a huge one. */
export const MAX_MESSAGE_LENGTH = 1_000;

/**
 * Runs a call that may throw synchronously or reject, and reports which.
 *
 * @example
 * const result = await settle(() => client.getArchiveState("../x"));
 */
export async function settle(call: () => unknown): Promise<CallResult> {
  try {
    return { value: await call() };
  } catch (error) {
    return { error };
  }
}

/**
 * A check that the call failed with this error class, naming `field` (when given) and matching
 * `message`, in a message of readable length.
 *
 * @example
 * check: typedError(InvalidArgumentError, { field: "jobId", message: /bad job ID/ })
 */
export function typedError(
  type: abstract new (...args: never[]) => Error,
  expected: { field?: string; message: RegExp; fields?: Record<string, unknown> },
): (result: CallResult) => void {
  return (result) => {
    expect("error" in result, `expected ${type.name}, got ${JSON.stringify(result)}`).toBe(true);
    const error = (result as { error: Error }).error;
    expect(error).toBeInstanceOf(type);
    expect(error.message).toMatch(expected.message);
    expect(error.message.length).toBeLessThanOrEqual(MAX_MESSAGE_LENGTH);
    if (expected.field !== undefined) expect(error).toHaveProperty("field", expected.field);
    if (expected.fields) expect(error).toMatchObject(expected.fields);
  };
}
