import { InvalidArgumentError } from "@dataportability/core";
import { describe, expect, it } from "vitest";
import { startLoopbackReceiver } from "./loopback-receiver.js";
import { LoopbackSignInError } from "./oauth-loopback-error.js";

/** A clock whose sleeps end only when `fire()` is called. */
function manualClock() {
  const waiters: (() => void)[] = [];
  return {
    clock: {
      now: () => 0,
      sleep: (_ms: number, signal?: AbortSignal) =>
        new Promise<void>((resolve, reject) => {
          signal?.addEventListener("abort", () => reject(signal.reason), { once: true });
          waiters.push(resolve);
        }),
    },
    fire: () => {
      for (const wake of waiters.splice(0)) wake();
    },
  };
}

// States as long as the receiver asks for (16+ characters).
const S = "s-123-abcdefghijk";
const EXPECTED = "expected-state-0123";

describe("startLoopbackReceiver", () => {
  it("listens on 127.0.0.1 only, ignores other paths, and hands over the code", async () => {
    const receiver = await startLoopbackReceiver({ state: S });
    const uri = new URL(receiver.redirectUri);
    expect(uri.hostname).toBe("127.0.0.1");
    expect(Number(uri.port)).toBeGreaterThan(0);
    expect(uri.pathname).toBe("/oauth2callback");
    expect((await fetch(new URL("/favicon.ico", uri))).status).toBe(404);
    const answer = await fetch(`${receiver.redirectUri}?code=c-1&state=${S}&scope=a%20b`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("close this window");
    const redirect = await receiver.result;
    expect(redirect).toMatchObject({ code: "c-1", scope: "a b" });
    expect(redirect.params.get("state")).toBe(S);
    await receiver.close();
  });

  it("rejects a redirect whose state does not match", async () => {
    const receiver = await startLoopbackReceiver({ state: EXPECTED });
    const answer = await fetch(`${receiver.redirectUri}?code=c-1&state=forged`);
    expect(answer.status).toBe(400);
    const error = await receiver.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoopbackSignInError);
    expect(error).toMatchObject({ reason: "state_mismatch" });
    expect(String(error)).not.toContain("c-1");
  });

  it("reports a refused consent", async () => {
    const receiver = await startLoopbackReceiver({ state: S });
    await fetch(`${receiver.redirectUri}?error=access_denied&state=${S}`);
    await expect(receiver.result).rejects.toMatchObject({
      reason: "access_denied",
      oauthError: "access_denied",
    });
  });

  it("rejects a redirect without a code", async () => {
    const receiver = await startLoopbackReceiver({ state: S });
    await fetch(`${receiver.redirectUri}?state=${S}`);
    await expect(receiver.result).rejects.toMatchObject({ reason: "missing_code" });
  });

  it("times out on the injected clock and stops listening", async () => {
    const { clock, fire } = manualClock();
    const receiver = await startLoopbackReceiver({ state: S, timeoutMs: 1000, clock });
    fire();
    await expect(receiver.result).rejects.toMatchObject({ reason: "timeout" });
    await receiver.close();
    await expect(fetch(`${receiver.redirectUri}?code=x&state=${S}`)).rejects.toThrow();
  });

  it("stops when its signal aborts", async () => {
    const { clock } = manualClock();
    const controller = new AbortController();
    const receiver = await startLoopbackReceiver({ state: S, clock, signal: controller.signal });
    controller.abort(new Error("cancelled by user"));
    await expect(receiver.result).rejects.toThrow("cancelled by user");
  });

  it.each([
    [{ state: "" }, "state", /state: is empty/],
    [{ state: "short" }, "state", /5 characters long.*at least 16/],
    [{ state: S, port: 99_999 }, "port", /99999 is not a TCP port.*0 to 65535/],
    [{ state: S, port: -1 }, "port", /0 to 65535/],
    [{ state: S, port: 80.5 }, "port", /0 to 65535/],
    [{ state: S, callbackPath: "oauth2callback" }, "callbackPath", /starting with "\/"/],
    [{ state: S, timeoutMs: 0 }, "timeoutMs", /positive/],
  ])("refuses %j before listening, naming %s", async (options, field, message) => {
    const error = await startLoopbackReceiver(options).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ field });
    expect((error as Error).message).toMatch(message);
  });
});
