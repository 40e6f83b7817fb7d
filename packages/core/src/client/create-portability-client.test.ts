import { expectError } from "@dataportability/test-support";
import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from "vitest";
import { instantClock } from "../../test/support/instant-clock.js";
import { InvalidArgumentError } from "../errors/invalid-argument-error.js";
import { PortabilityApiError } from "../errors/portability-api-error.js";
import type { Resource } from "../resources/resources.js";
import type { RetryEvent, WarningEvent } from "./client-hooks.js";
import { createPortabilityClient } from "./create-portability-client.js";

const API = "https://dataportability.googleapis.com";
const STATE = `${API}/v1/archiveJobs/:id/portabilityArchiveState`;
const INITIATE = `${API}/v1/portabilityArchive:initiate`;
const server = setupServer();
/** Every request the API received in the current test (one listener for the whole file). */
const requests: Request[] = [];
beforeAll(() => {
  server.listen({ onUnhandledRequest: "error" });
  server.events.on("request:start", ({ request }) => {
    requests.push(request.clone());
  });
});
afterEach(() => {
  server.resetHandlers();
  requests.length = 0;
});
afterAll(() => server.close());

const rpc = (code: number, status: string, reason?: string, metadata?: Record<string, string>) =>
  HttpResponse.json(
    {
      error: {
        code,
        message: `${status} happened`,
        status,
        details: reason
          ? [{ "@type": "type.googleapis.com/google.rpc.ErrorInfo", reason, metadata }]
          : [],
      },
    },
    { status: code },
  );

const complete = (id: string) =>
  HttpResponse.json({
    name: `archiveJobs/${id}/portabilityArchiveState`,
    state: "COMPLETE",
    urls: ["https://storage.googleapis.com/b/a.zip"],
    startTime: "2025-12-01T00:00:00Z",
    exportTime: "2026-01-01T00:00:00Z",
  });

describe("client methods", () => {
  it("sends the token and maps every operation to friendly results", async () => {
    server.use(
      http.post(INITIATE, () =>
        HttpResponse.json({ archiveJobId: "job-1", accessType: "ACCESS_TYPE_TIME_BASED" }),
      ),
      http.get(STATE, ({ params }) => complete(String(params.id))),
      http.post(`${API}/v1/archiveJobs/:id`, ({ params }) =>
        String(params.id).endsWith(":retry")
          ? HttpResponse.json({ archiveJobId: "job-2" })
          : HttpResponse.json({}),
      ),
      http.post(`${API}/v1/authorization:reset`, () => HttpResponse.json({})),
      http.post(`${API}/v1/accessType:check`, () =>
        HttpResponse.json({ oneTimeResources: ["maps.reviews"] }),
      ),
    );
    const client = createPortabilityClient({ auth: "tok-1", userAgent: "test-agent/1" });
    await expect(
      client.initiateArchive({
        resources: ["myactivity.youtube"],
        startTime: new Date("2025-12-01T00:00:00Z"),
        endTime: "2026-01-01T00:00:00Z",
      }),
    ).resolves.toEqual({ archiveJobId: "job-1", accessType: "TIME_BASED", reused: false });
    const state = await client.getArchiveState("archiveJobs/job-1/portabilityArchiveState");
    expect(state).toEqual({
      jobId: "job-1",
      name: "archiveJobs/job-1/portabilityArchiveState",
      state: "COMPLETE",
      urls: ["https://storage.googleapis.com/b/a.zip"],
      startTime: new Date("2025-12-01T00:00:00Z"),
      exportTime: new Date("2026-01-01T00:00:00Z"),
    });
    await expect(client.retryArchive("job-1")).resolves.toEqual({ archiveJobId: "job-2" });
    await expect(client.cancelArchive("job-2")).resolves.toBeUndefined();
    await expect(client.resetAuthorization()).resolves.toBeUndefined();
    await expect(client.checkAccessType()).resolves.toEqual({
      oneTimeResources: ["maps.reviews"],
      timeBasedResources: [],
    });

    expect(requests.map((r) => `${r.method} ${new URL(r.url).pathname}`)).toEqual([
      "POST /v1/portabilityArchive:initiate",
      "GET /v1/archiveJobs/job-1/portabilityArchiveState",
      "POST /v1/archiveJobs/job-1:retry",
      "POST /v1/archiveJobs/job-2:cancel",
      "POST /v1/authorization:reset",
      "POST /v1/accessType:check",
    ]);
    for (const request of requests) {
      expect(new URL(request.url).search).toBe("?prettyPrint=false");
      expect(request.headers.get("authorization")).toBe("Bearer tok-1");
      expect(request.headers.get("user-agent")).toBe("test-agent/1");
    }
    expect(await requests[0]!.json()).toEqual({
      resources: ["myactivity.youtube"],
      startTime: "2025-12-01T00:00:00.000Z",
      endTime: "2026-01-01T00:00:00.000Z",
    });
  });

  it("validates before any request", async () => {
    const client = createPortabilityClient({ auth: "t" });
    await expect(client.initiateArchive({ resources: [] })).rejects.toThrow(InvalidArgumentError);
    await expect(client.getArchiveState("../x")).rejects.toThrow(InvalidArgumentError);
    await expect(client.retryArchive("a/b")).rejects.toThrow(InvalidArgumentError);
    await expect(client.cancelArchive("%2F")).rejects.toThrow(InvalidArgumentError);
    expect(requests).toHaveLength(0);
    expect(() => createPortabilityClient({ auth: "" })).toThrow(InvalidArgumentError);
    expect(() => createPortabilityClient({ auth: {} as never })).toThrow(/auth/);
  });

  it("uses a custom fetch and base URL", async () => {
    const fetch = vi.fn(async (_url: string, init: RequestInit) => {
      expect(new Headers(init.headers).get("authorization")).toBe("Bearer t");
      return Response.json({ name: "archiveJobs/j/portabilityArchiveState", state: "IN_PROGRESS" });
    });
    const client = createPortabilityClient({ auth: "t", fetch, baseUrl: "http://127.0.0.1:9/" });
    const state = await client.getArchiveState("j");
    expect(state.state).toBe("IN_PROGRESS");
    expect(state.urls).toEqual([]);
    expect(fetch.mock.calls[0]![0]).toBe(
      "http://127.0.0.1:9/v1/archiveJobs/j/portabilityArchiveState?prettyPrint=false",
    );
  });

  it("shares auth and retries with the typed raw client", async () => {
    let calls = 0;
    server.use(
      http.get(STATE, ({ request }) => {
        calls++;
        expect(request.headers.get("authorization")).toBe("Bearer t");
        return calls === 1 ? rpc(503, "UNAVAILABLE") : complete("j");
      }),
    );
    const client = createPortabilityClient({ auth: async () => "t", clock: instantClock() });
    const { data, error } = await client.raw.GET(
      "/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState",
      { params: { path: { archiveJobsId: "j" } } },
    );
    expect(error).toBeUndefined();
    expect(data?.state).toBe("COMPLETE");
    expect(calls).toBe(2);
  });
});

describe("auth", () => {
  it("refreshes once on 401 and replays the request", async () => {
    server.use(
      http.get(STATE, ({ request }) =>
        request.headers.get("authorization") === "Bearer fresh"
          ? complete("j")
          : rpc(401, "UNAUTHENTICATED"),
      ),
    );
    let token = "stale";
    const refresh = vi.fn(async () => {
      token = "fresh";
      return token;
    });
    const client = createPortabilityClient({ auth: { getAccessToken: () => token, refresh } });
    expect((await client.getArchiveState("j")).state).toBe("COMPLETE");
    expect(refresh).toHaveBeenCalledTimes(1);
    expect((await client.getArchiveState("j")).state).toBe("COMPLETE");
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("never loops: a second 401 is thrown, without the token", async () => {
    let calls = 0;
    server.use(
      http.get(STATE, () => {
        calls++;
        return rpc(401, "UNAUTHENTICATED");
      }),
    );
    const refresh = vi.fn(async () => "secret-new-token");
    const client = createPortabilityClient({
      auth: { getAccessToken: () => "secret-old-token", refresh },
    });
    const error = await client.getArchiveState("j").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PortabilityApiError);
    expect((error as PortabilityApiError).code).toBe("UNAUTHENTICATED");
    expect(calls).toBe(2);
    expect(refresh).toHaveBeenCalledTimes(1);
    expect(JSON.stringify(error) + String(error) + (error as Error).stack).not.toMatch(/secret/);
  });

  it("shares one refresh between concurrent 401s", async () => {
    server.use(
      http.get(STATE, ({ request, params }) =>
        request.headers.get("authorization") === "Bearer fresh"
          ? complete(String(params.id))
          : rpc(401, "UNAUTHENTICATED"),
      ),
    );
    let token = "stale";
    const refresh = vi.fn(async () => {
      await Promise.resolve();
      token = "fresh";
      return token;
    });
    const client = createPortabilityClient({ auth: { getAccessToken: () => token, refresh } });
    const states = await Promise.all(["a", "b", "c"].map((id) => client.getArchiveState(id)));
    expect(states.map((s) => s.jobId)).toEqual(["a", "b", "c"]);
    expect(refresh).toHaveBeenCalledTimes(1);
  });

  it("does not refresh a plain token or function, and rejects empty tokens", async () => {
    server.use(http.get(STATE, () => rpc(401, "UNAUTHENTICATED")));
    await expect(
      createPortabilityClient({ auth: () => "t" }).getArchiveState("j"),
    ).rejects.toMatchObject({ httpStatus: 401 });
    await expect(
      createPortabilityClient({ auth: async () => "" }).getArchiveState("j"),
    ).rejects.toThrow(InvalidArgumentError);
  });
});

describe("retries", () => {
  it("retries GET on 5xx with full-jitter backoff, reporting each retry", async () => {
    let calls = 0;
    server.use(http.get(STATE, () => (++calls < 3 ? rpc(503, "UNAVAILABLE") : complete("j"))));
    const clock = instantClock();
    const retries: RetryEvent[] = [];
    const client = createPortabilityClient({
      auth: "t",
      clock,
      retry: { random: () => 0.5, baseDelayMs: 100 },
      hooks: { onRetry: (event) => retries.push(event) },
    });
    expect((await client.getArchiveState("j")).state).toBe("COMPLETE");
    expect(clock.sleeps).toEqual([50, 100]);
    expect(retries.map((r) => [r.attempt, r.status, r.delayMs])).toEqual([
      [1, 503, 50],
      [2, 503, 100],
    ]);
  });

  it("honours Retry-After", async () => {
    let calls = 0;
    server.use(
      http.get(STATE, () =>
        ++calls === 1
          ? HttpResponse.json(
              { error: { code: 429, message: "slow down", status: "RESOURCE_EXHAUSTED" } },
              { status: 429, headers: { "retry-after": "7" } },
            )
          : complete("j"),
      ),
    );
    const clock = instantClock();
    const client = createPortabilityClient({ auth: "t", clock });
    await client.getArchiveState("j");
    expect(clock.sleeps).toEqual([7000]);
  });

  it("gives up after maxAttempts and throws the last error", async () => {
    let calls = 0;
    server.use(
      http.get(STATE, () => {
        calls++;
        return rpc(500, "INTERNAL");
      }),
    );
    const client = createPortabilityClient({
      auth: "t",
      clock: instantClock(),
      retry: { maxAttempts: 3 },
    });
    await expect(client.getArchiveState("j")).rejects.toMatchObject({ code: "INTERNAL" });
    expect(calls).toBe(3);
  });

  it("stops when the next wait would exceed the time budget", async () => {
    let calls = 0;
    server.use(
      http.get(STATE, () => {
        calls++;
        return HttpResponse.json(
          { error: { code: 503, message: "busy", status: "UNAVAILABLE" } },
          { status: 503, headers: { "retry-after": "40" } },
        );
      }),
    );
    const clock = instantClock();
    const client = createPortabilityClient({ auth: "t", clock, retry: { maxElapsedMs: 60_000 } });
    const error = (await client.getArchiveState("j").catch((e) => e)) as PortabilityApiError;
    expect(calls).toBe(2);
    expect(clock.sleeps).toEqual([40_000]);
    expect(error.retryAfterMs).toBe(40_000);
  });

  it("does not retry an exhausted quota", async () => {
    let calls = 0;
    server.use(
      http.post(INITIATE, () => {
        calls++;
        return rpc(429, "RESOURCE_EXHAUSTED", "RESOURCE_EXHAUSTED_TIME_BASED", {
          timestamp_after_24hrs: "2026-01-02T00:00:00Z",
        });
      }),
    );
    const client = createPortabilityClient({ auth: "t", clock: instantClock() });
    const error = (await client
      .initiateArchive({ resources: ["maps.reviews"] })
      .catch((e) => e)) as PortabilityApiError;
    expect(calls).toBe(1);
    expect(error.nextAllowedAt).toEqual(new Date("2026-01-02T00:00:00Z"));
  });

  it("retries network errors for GET", async () => {
    let calls = 0;
    server.use(http.get(STATE, () => (++calls === 1 ? HttpResponse.error() : complete("j"))));
    const client = createPortabilityClient({ auth: "t", clock: instantClock() });
    expect((await client.getArchiveState("j")).state).toBe("COMPLETE");
    expect(calls).toBe(2);
  });

  it("retries retryArchive and resetAuthorization only when not processed (429, 503)", async () => {
    const calls: string[] = [];
    server.use(
      http.post(`${API}/v1/archiveJobs/:id`, () => {
        calls.push("retry");
        return calls.length === 1 ? rpc(503, "UNAVAILABLE") : rpc(500, "INTERNAL");
      }),
      http.post(`${API}/v1/authorization:reset`, () => {
        calls.push("reset");
        return HttpResponse.error();
      }),
    );
    const client = createPortabilityClient({ auth: "t", clock: instantClock() });
    await expect(client.retryArchive("j")).rejects.toMatchObject({ code: "INTERNAL" });
    await expect(client.resetAuthorization()).rejects.toThrow(TypeError);
    expect(calls).toEqual(["retry", "retry", "reset"]);
  });

  it("returns the job of an earlier try when a retried initiate meets ALREADY_EXISTS", async () => {
    let calls = 0;
    server.use(
      http.post(INITIATE, () =>
        ++calls === 1
          ? rpc(500, "INTERNAL")
          : rpc(409, "ALREADY_EXISTS", "ALREADY_EXISTS_ONE_TIME", { job_id: "job-first" }),
      ),
    );
    const client = createPortabilityClient({ auth: "t", clock: instantClock() });
    await expect(client.initiateArchive({ resources: ["maps.reviews"] })).resolves.toEqual({
      archiveJobId: "job-first",
      accessType: "UNSPECIFIED",
      reused: true,
    });
    expect(calls).toBe(2);
  });

  it("throws ALREADY_EXISTS on a first try unless reuseExisting", async () => {
    server.use(
      http.post(INITIATE, () =>
        rpc(409, "ALREADY_EXISTS", "ALREADY_EXISTS_TIME_BASED", { job_id: "job-x" }),
      ),
    );
    const client = createPortabilityClient({ auth: "t" });
    const error = (await client
      .initiateArchive({ resources: ["maps.reviews"] })
      .catch((e) => e)) as PortabilityApiError;
    expect(error.existingJobId).toBe("job-x");
    await expect(
      client.initiateArchive({ resources: ["maps.reviews"], reuseExisting: true }),
    ).resolves.toMatchObject({ archiveJobId: "job-x", reused: true });
  });
});

describe("signals, timeouts and hooks", () => {
  it("aborts before sending and while waiting to retry", async () => {
    const client = createPortabilityClient({ auth: "t" });
    const aborted = AbortSignal.abort(new Error("user gave up"));
    await expect(client.getArchiveState("j", { signal: aborted })).rejects.toThrow("user gave up");

    server.use(http.get(STATE, () => rpc(503, "UNAVAILABLE")));
    const controller = new AbortController();
    const retrying = createPortabilityClient({
      auth: "t",
      clock: {
        now: () => 0,
        sleep: (_ms, signal) =>
          new Promise((_resolve, reject) => {
            signal?.addEventListener("abort", () => reject(signal.reason));
            controller.abort(new Error("stop now"));
          }),
      },
    });
    await expect(retrying.getArchiveState("j", { signal: controller.signal })).rejects.toThrow(
      "stop now",
    );
  });

  it("times out a try that hangs and retries it", async () => {
    vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout"] });
    try {
      let calls = 0;
      // Like every fetch, it settles only when its signal aborts.
      const hang = (init: RequestInit) =>
        new Promise<Response>((_resolve, reject) =>
          init.signal?.addEventListener("abort", () => reject(init.signal?.reason)),
        );
      const fetch = (_url: string, init: RequestInit) =>
        ++calls === 1 ? hang(init) : Promise.resolve(Response.json({ state: "IN_PROGRESS" }));
      const client = createPortabilityClient({
        auth: "t",
        fetch,
        timeoutMs: 5_000,
        clock: instantClock(),
      });
      const pending = client.getArchiveState("j");
      await vi.advanceTimersByTimeAsync(5_000);
      expect((await pending).state).toBe("IN_PROGRESS");
      expect(calls).toBe(2);

      const once = createPortabilityClient({
        auth: "t",
        fetch: (_url, init) => hang(init),
        timeoutMs: 10,
        retry: false,
      });
      const hanging = once.getArchiveState("j").catch((e: unknown) => e);
      await vi.advanceTimersByTimeAsync(10);
      expect(await hanging).toMatchObject({ name: "TimeoutError" });
    } finally {
      vi.useRealTimers();
    }
  });

  it("tells hooks about requests and responses without headers or tokens", async () => {
    server.use(http.get(STATE, () => complete("j")));
    const events: unknown[] = [];
    const client = createPortabilityClient({
      auth: "very-secret",
      hooks: {
        onRequest: (e) => events.push(["request", e]),
        onResponse: (e) => events.push(["response", { ...e, durationMs: typeof e.durationMs }]),
      },
    });
    await client.getArchiveState("j");
    const url = `${API}/v1/archiveJobs/j/portabilityArchiveState`;
    expect(events).toEqual([
      ["request", { method: "GET", url, attempt: 1 }],
      ["response", { method: "GET", url, attempt: 1, status: 200, durationMs: "number" }],
    ]);
    expect(JSON.stringify(events)).not.toContain("very-secret");
    expect(JSON.stringify(client)).not.toContain("very-secret");
  });
});

describe("auth option", () => {
  it.each([null, undefined, 42, {}, { getAccessToken: "x" }, "  "])(
    "refuses %j when the client is created",
    (auth) => {
      expect(() => createPortabilityClient({ auth: auth as never })).toThrow(InvalidArgumentError);
    },
  );
});

describe("options", () => {
  it.each([
    ["baseUrl", { baseUrl: "not a url" }],
    ["baseUrl", { baseUrl: "ftp://example.com" }],
    ["baseUrl", { baseUrl: "http://example.com" }],
    ["timeoutMs", { timeoutMs: -1 }],
    ["timeoutMs", { timeoutMs: Number.NaN }],
    ["timeoutMs", { timeoutMs: "5" as never }],
  ])("refuses a bad %s before any request", (field, bad) => {
    const error = expectError(
      () => createPortabilityClient({ auth: "t", ...bad }),
      InvalidArgumentError,
    );
    expect(error).toHaveProperty("field", field);
  });

  it("accepts https:, and http: on loopback hosts (an emulator)", () => {
    for (const baseUrl of ["https://proxy.example", "http://127.0.0.1:8080", "http://[::1]:1"]) {
      expect(createPortabilityClient({ auth: "t", baseUrl, timeoutMs: 0 }).raw).toBeDefined();
    }
    expect(() =>
      createPortabilityClient({ auth: "t", baseUrl: "http://localhost:1" }),
    ).not.toThrow();
  });
});

describe("answers the client cannot use", () => {
  const caught = (promise: Promise<unknown>) => expectError(promise, PortabilityApiError);
  const state = (body: object) => server.use(http.get(STATE, () => HttpResponse.json(body)));
  const client = () => createPortabilityClient({ auth: "secret-token", retry: false });

  it("turns a 200 that is HTML or cut-off JSON into a readable PortabilityApiError", async () => {
    server.use(
      http.get(
        STATE,
        () =>
          new HttpResponse("<html><title>Sign in</title><p>Wi-Fi login secret-token</p></html>", {
            headers: { "content-type": "text/html" },
          }),
        { once: true },
      ),
      http.get(
        STATE,
        () => HttpResponse.text('{"state": ', { headers: { "content-type": "application/json" } }),
        {
          once: true,
        },
      ),
    );
    const html = await caught(client().getArchiveState("j"));
    expect(html.message).toBe(
      'getArchiveState: 200 UNKNOWN: unexpected non-JSON response (text/html): "Sign in Wi-Fi login [redacted]"',
    );
    expect(html).toMatchObject({ httpStatus: 200, code: "UNKNOWN", isTransient: false });
    const cut = await caught(client().getArchiveState("j"));
    expect(cut.message).toBe(
      'getArchiveState: 200 UNKNOWN: unexpected non-JSON response (application/json): "{\\"state\\":"',
    );
  });

  it("refuses JSON that is not an object", async () => {
    server.use(http.post(`${API}/v1/accessType:check`, () => HttpResponse.json(null)));
    expect((await caught(client().checkAccessType())).message).toMatch(/checkAccessType: 200/);
  });

  it("refuses a state it does not know", async () => {
    state({ state: "EXPLODED", urls: [] });
    const error = await caught(client().getArchiveState("j"));
    expect(error.message).toBe("getArchiveState: 200 UNKNOWN: unexpected state");
    expect(error.isTransient).toBe(false);
    state({ state: "x".repeat(1_000_000) });
    expect((await caught(client().getArchiveState("j"))).message.length).toBeLessThan(100);
  });

  it.each([
    ["javascript:alert(document.cookie)"],
    ["data:text/html,<script>alert(1)</script>"],
    ["http://storage.googleapis.com/b/a.zip"],
    ["http://127.0.0.1@evil.example/a.zip"],
    ["not a url"],
    [42],
  ])("refuses the archive URL %j, without quoting it", async (url) => {
    state({
      state: "COMPLETE",
      urls: ["https://storage.googleapis.com/b/a.zip?X-Goog-Signature=s", url],
    });
    const error = await caught(client().getArchiveState("j"));
    expect(error.message).toBe("getArchiveState: 200 UNKNOWN: unexpected urls");
    expect(error.message).not.toContain("X-Goog");
  });

  it("accepts https URLs and http URLs on loopback hosts", async () => {
    const urls = [
      "https://storage.googleapis.com/b/a.zip?X-Goog-Signature=s",
      "http://127.0.0.1:8080/storage/a.zip",
      "http://localhost/a.zip",
      "http://[::1]:9/a.zip",
    ];
    state({ state: "COMPLETE", urls });
    expect((await client().getArchiveState("j")).urls).toEqual(urls);
    state({ state: "COMPLETE", urls: "https://storage.googleapis.com/b/a.zip" });
    await caught(client().getArchiveState("j"));
  });

  it.each([[{}], [{ archiveJobId: "" }], [{ archiveJobId: "../../x" }], [{ archiveJobId: 7 }]])(
    "refuses the job ID of %j from initiate and retry",
    async (body) => {
      server.use(
        http.post(INITIATE, () => HttpResponse.json(body)),
        http.post(`${API}/v1/archiveJobs/:id`, () => HttpResponse.json(body)),
      );
      expect(
        (await caught(client().initiateArchive({ resources: ["maps.reviews"] }))).message,
      ).toBe("initiateArchive: 200 UNKNOWN: unexpected archiveJobId");
      expect((await caught(client().retryArchive("j"))).message).toMatch(/^retryArchive: 200/);
    },
  );

  it("refuses a job to reuse whose job_id is not a job ID", async () => {
    server.use(
      http.post(INITIATE, () =>
        rpc(409, "ALREADY_EXISTS", "ALREADY_EXISTS", { job_id: "../reset" }),
      ),
    );
    const reuse = client().initiateArchive({ resources: ["maps.reviews"], reuseExisting: true });
    expect((await caught(reuse)).message).toBe(
      "initiateArchive: 200 UNKNOWN: unexpected archiveJobId",
    );
  });

  it("reads access types it does not know as UNSPECIFIED", async () => {
    for (const [accessType, expected] of [
      ["ACCESS_TYPE_ONE_TIME", "ONE_TIME"],
      ["ACCESS_TYPE_TIME_BASED", "TIME_BASED"],
      ["ACCESS_TYPE_FOREVER", "UNSPECIFIED"],
      ["ACCESS_TYPE_UNSPECIFIED", "UNSPECIFIED"],
      [42, "UNSPECIFIED"],
      [undefined, "UNSPECIFIED"],
    ]) {
      server.use(http.post(INITIATE, () => HttpResponse.json({ archiveJobId: "1", accessType })));
      const result = await client().initiateArchive({ resources: ["maps.reviews"] });
      expect(result.accessType).toBe(expected);
    }
  });

  it("checks the access lists: keeps groups newer than this version, leaves out malformed names", async () => {
    const check = (body: object) => {
      server.use(http.post(`${API}/v1/accessType:check`, () => HttpResponse.json(body)));
      return client().checkAccessType();
    };
    await expect(
      check({
        oneTimeResources: ["pixel.device_data", "maps.reviews", "\u001b[31mred", "Maps Reviews"],
        timeBasedResources: [],
      }),
    ).resolves.toEqual({
      oneTimeResources: ["pixel.device_data", "maps.reviews"],
      timeBasedResources: [],
    });
    expect((await caught(check({ timeBasedResources: 5 }))).message).toBe(
      "checkAccessType: 200 UNKNOWN: unexpected resources",
    );
    await caught(check({ oneTimeResources: [1] }));
  });
});

describe("unknownResources", () => {
  it("rejects a name this version does not know by default, before any request", async () => {
    const client = createPortabilityClient({ auth: "t" });
    const error = await client
      .initiateArchive({ resources: ["pixel.device_data" as Resource] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect(error).toMatchObject({ field: "resources[0]" });
    const typo = await client
      .initiateArchive({ resources: ["myactivity.youtub" as Resource] })
      .catch((e: unknown) => e);
    expect(typo).toMatchObject({ suggestion: "myactivity.youtube" });
    expect(requests).toHaveLength(0);
  });

  it('"allow" sends a well-formed name through to Google, and still refuses a malformed one', async () => {
    server.use(http.post(INITIATE, () => HttpResponse.json({ archiveJobId: "job-new" })));
    const client = createPortabilityClient({ auth: "t", unknownResources: "allow" });
    await expect(
      client.initiateArchive({ resources: ["pixel.device_data", "maps.reviews"] as Resource[] }),
    ).resolves.toMatchObject({ archiveJobId: "job-new" });
    expect(await requests[0]!.json()).toEqual({
      resources: ["pixel.device_data", "maps.reviews"],
    });
    for (const bad of ["Pixel.Device", "pixel", "pixel.device-data", "pixel..data", " pixel.x"]) {
      const error = await client
        .initiateArchive({ resources: [bad as Resource] })
        .catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect((error as InvalidArgumentError).message).toMatch(/malformed resource/);
    }
    expect(requests).toHaveLength(1);
  });

  it("refuses a value that is neither", () => {
    expect(() => createPortabilityClient({ auth: "t", unknownResources: "yes" as never })).toThrow(
      expect.objectContaining({ field: "unknownResources" }),
    );
  });
});

describe("onWarning", () => {
  it("says once per group that a time filter is not applied to groups Google does not filter", async () => {
    server.use(http.post(INITIATE, () => HttpResponse.json({ archiveJobId: "job-1" })));
    const warnings: WarningEvent[] = [];
    const client = createPortabilityClient({
      auth: "t",
      hooks: { onWarning: (event) => warnings.push(event) },
    });
    const startTime = "2026-01-01T00:00:00Z";
    // Without a time filter, or for groups that honour one, nothing to say.
    await client.initiateArchive({ resources: ["maps.reviews"] });
    await client.initiateArchive({ resources: ["myactivity.youtube"], startTime });
    expect(warnings).toEqual([]);

    await client.initiateArchive({
      resources: ["myactivity.youtube", "maps.reviews", "youtube.comments"],
      startTime,
    });
    await client.initiateArchive({ resources: ["maps.reviews"], endTime: startTime });
    await client.initiateArchive({ resources: ["maps.reviews", "saved.collections"], startTime });
    expect(warnings).toEqual([
      {
        code: "TIME_FILTER_IGNORED",
        message:
          "startTime/endTime do not filter maps.reviews, youtube.comments: their archives hold all their data",
        resources: ["maps.reviews", "youtube.comments"],
      },
      expect.objectContaining({ resources: ["saved.collections"] }),
    ]);
    // The filter is still sent: Google decides, the warning only tells.
    expect(await requests[2]!.json()).toMatchObject({ startTime: "2026-01-01T00:00:00.000Z" });
  });
});
