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

describe("startLoopbackReceiver", () => {
  it("listens on 127.0.0.1 only, ignores other paths, and hands over the code", async () => {
    const receiver = await startLoopbackReceiver({ state: "s-123" });
    const uri = new URL(receiver.redirectUri);
    expect(uri.hostname).toBe("127.0.0.1");
    expect(Number(uri.port)).toBeGreaterThan(0);
    expect(uri.pathname).toBe("/oauth2callback");
    expect((await fetch(new URL("/favicon.ico", uri))).status).toBe(404);
    const answer = await fetch(`${receiver.redirectUri}?code=c-1&state=s-123&scope=a%20b`);
    expect(answer.status).toBe(200);
    expect(await answer.text()).toContain("close this window");
    const redirect = await receiver.result;
    expect(redirect).toMatchObject({ code: "c-1", scope: "a b" });
    expect(redirect.params.get("state")).toBe("s-123");
    await receiver.close();
  });

  it("rejects a redirect whose state does not match", async () => {
    const receiver = await startLoopbackReceiver({ state: "expected" });
    const answer = await fetch(`${receiver.redirectUri}?code=c-1&state=forged`);
    expect(answer.status).toBe(400);
    const error = await receiver.result.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(LoopbackSignInError);
    expect(error).toMatchObject({ reason: "state_mismatch" });
    expect(String(error)).not.toContain("c-1");
  });

  it("reports a refused consent", async () => {
    const receiver = await startLoopbackReceiver({ state: "s" });
    await fetch(`${receiver.redirectUri}?error=access_denied&state=s`);
    await expect(receiver.result).rejects.toMatchObject({
      reason: "access_denied",
      oauthError: "access_denied",
    });
  });

  it("rejects a redirect without a code", async () => {
    const receiver = await startLoopbackReceiver({ state: "s" });
    await fetch(`${receiver.redirectUri}?state=s`);
    await expect(receiver.result).rejects.toMatchObject({ reason: "missing_code" });
  });

  it("times out on the injected clock and stops listening", async () => {
    const { clock, fire } = manualClock();
    const receiver = await startLoopbackReceiver({ state: "s", timeoutMs: 1000, clock });
    fire();
    await expect(receiver.result).rejects.toMatchObject({ reason: "timeout" });
    await receiver.close();
    await expect(fetch(`${receiver.redirectUri}?code=x&state=s`)).rejects.toThrow();
  });

  it("stops when its signal aborts", async () => {
    const { clock } = manualClock();
    const controller = new AbortController();
    const receiver = await startLoopbackReceiver({ state: "s", clock, signal: controller.signal });
    controller.abort(new Error("cancelled by user"));
    await expect(receiver.result).rejects.toThrow("cancelled by user");
  });
});
