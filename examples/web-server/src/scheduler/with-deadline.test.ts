import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { withDeadline } from "./with-deadline.js";

describe("withDeadline", () => {
  beforeEach(() => {
    vi.useFakeTimers();
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it("leaves no timer behind once the work has ended", async () => {
    await expect(withDeadline(60_000, async () => "checked")).resolves.toBe("checked");
    await expect(
      withDeadline(60_000, async () => {
        throw new Error("no answer");
      }),
    ).rejects.toThrow("no answer");
    expect(vi.getTimerCount()).toBe(0);
  });

  it("aborts the work's signal with a TimeoutError when the deadline passes", async () => {
    let seen: AbortSignal | undefined;
    const work = withDeadline(1000, (signal) => {
      seen = signal;
      return new Promise<never>((_, reject) => {
        signal.addEventListener("abort", () => reject(signal.reason));
      });
    });
    const outcome = expect(work).rejects.toMatchObject({ name: "TimeoutError" });
    await vi.advanceTimersByTimeAsync(999);
    expect(seen?.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    await outcome;
    expect(seen?.aborted).toBe(true);
  });
});
