import { describe, expect, it } from "vitest";
import { emulatorHarness } from "./support/emulator-harness.js";

const useEmulator = emulatorHarness();
const YT = "myactivity.youtube";

describe("faults", () => {
  it("rate-limit: 429 RESOURCE_EXHAUSTED with Retry-After and RetryInfo, `times` then through", async () => {
    const { emulator, call } = useEmulator({
      faults: [{ name: "rate-limit", retryAfterSeconds: 2, times: 1 }],
    });
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const limited = await call("POST", "/v1/accessType:check", { token: accessToken, body: {} });
    expect(limited.status).toBe(429);
    expect(limited.headers.get("retry-after")).toBe("2");
    expect(limited.body.error.status).toBe("RESOURCE_EXHAUSTED");
    expect(limited.body.error.details).toContainEqual({
      "@type": "type.googleapis.com/google.rpc.RetryInfo",
      retryDelay: "2s",
    });
    expect(limited.body.error.details[0].reason).toBe("RATE_LIMIT_EXCEEDED");
    expect(
      (await call("POST", "/v1/accessType:check", { token: accessToken, body: {} })).status,
    ).toBe(200);
  });

  it("server-error: a burst of 503s on one operation, then success", async () => {
    const { emulator, initiate, state } = useEmulator({
      faults: [
        { name: "server-error", status: 503, times: 3, match: "getPortabilityArchiveState" },
      ],
    });
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const id = (await initiate(accessToken, { resources: [YT] })).body.archiveJobId;
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await state(accessToken, id)).status);
    expect(statuses).toEqual([503, 503, 503, 200]);
    // Faulted requests never reached the job: it has seen one poll.
    expect(emulator.job(id)!.polls).toBe(1);
  });

  it("html-proxy-page: a text/html 502 page instead of JSON", async () => {
    const { emulator, call } = useEmulator({ faults: [{ name: "html-proxy-page", times: 1 }] });
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const page = await call("POST", "/v1/accessType:check", { token: accessToken, body: {} });
    expect(page.status).toBe(502);
    expect(page.headers.get("content-type")).toContain("text/html");
    expect(page.body).toContain("Error 502 (Server Error)!!1");
  });

  it("latency: waits through the injected sleep", async () => {
    const waits: number[] = [];
    const { emulator, call } = useEmulator({
      faults: [{ name: "latency", ms: 250 }],
      sleep: async (ms) => {
        waits.push(ms);
      },
    });
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    await call("POST", "/v1/accessType:check", { token: accessToken, body: {} });
    await call("POST", "/v1/accessType:check", { token: accessToken, body: {} });
    expect(waits).toEqual([250, 250]);
  });

  it("reset-mid-download: the body fails after afterBytes, and a Range resume completes it", async () => {
    const { emulator, initiate } = useEmulator({
      faults: [{ name: "reset-mid-download", afterBytes: 10_000, times: 1 }],
    });
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const id = (await initiate(accessToken, { resources: [YT] })).body.archiveJobId;
    const url = emulator.completeJob(id).urls[0]!;
    const whole = await emulator.archiveBytes(url);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const reader = response.body!.getReader();
    const received: Uint8Array[] = [];
    let failure: unknown;
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        received.push(value);
      }
    } catch (error) {
      failure = error;
    }
    expect(failure).toBeDefined();
    const got = Buffer.concat(received);
    expect(got.length).toBe(10_000);
    expect(new Uint8Array(got)).toEqual(whole.subarray(0, 10_000));
    const rest = await fetch(url, { headers: { range: `bytes=${got.length}-` } });
    expect(rest.status).toBe(206);
    expect(
      Buffer.concat([got, Buffer.from(await rest.arrayBuffer())]).equals(Buffer.from(whole)),
    ).toBe(true);
  });

  it("corrupt-bytes: one byte flipped at atByte, under the true object's status and headers, whole or ranged", async () => {
    const { emulator, initiate } = useEmulator({
      archiveBytes: 100_000,
      faults: [{ name: "corrupt-bytes", atByte: 70_000, times: 2 }],
    });
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const url = emulator.completeJob(
      (await initiate(accessToken, { resources: [YT] })).body.archiveJobId,
    ).urls[0]!;
    const whole = await emulator.archiveBytes(url);
    const expected = await emulator.expectedArchive(url);
    const flipped = (body: Uint8Array, from: number) =>
      Array.from(body).flatMap((byte, i) =>
        byte === whole[from + i] ? [] : [[from + i, byte ^ 0xff]],
      );
    const OBJECT_HEADERS = ["content-type", "x-goog-hash", "etag", "x-goog-stored-content-length"];

    const full = await fetch(url);
    const fullBody = new Uint8Array(await full.arrayBuffer());
    expect(full.status).toBe(200);
    expect(full.headers.get("content-length")).toBe(String(whole.length));
    expect(full.headers.get("x-goog-hash")).toContain(`crc32c=${expected.crc32c}`);
    expect(fullBody.length).toBe(whole.length);
    expect(flipped(fullBody, 0)).toEqual([[70_000, whole[70_000]]]);

    // A range without the byte is served intact and does not use the fault up.
    const before = await fetch(url, { headers: { range: "bytes=0-69999" } });
    expect(flipped(new Uint8Array(await before.arrayBuffer()), 0)).toEqual([]);

    const ranged = await fetch(url, { headers: { range: "bytes=60000-79999" } });
    expect(ranged.status).toBe(206);
    expect(ranged.headers.get("content-range")).toBe(`bytes 60000-79999/${whole.length}`);
    expect(ranged.headers.get("content-length")).toBe("20000");
    expect(flipped(new Uint8Array(await ranged.arrayBuffer()), 60_000)).toEqual([
      [70_000, whole[70_000]],
    ]);

    // Used up (times: 2): the same object, every byte intact, under the same headers.
    const clean = await fetch(url);
    expect(flipped(new Uint8Array(await clean.arrayBuffer()), 0)).toEqual([]);
    for (const name of OBJECT_HEADERS) {
      expect(full.headers.get(name), name).toBe(clean.headers.get(name));
      expect(ranged.headers.get(name), name).toBe(clean.headers.get(name));
    }
    const downloads = emulator.requests.filter((r) => r.area === "storage");
    expect(downloads.map((r) => [r.status, r.corruptedByte])).toEqual([
      [200, 70_000],
      [206, undefined],
      [206, 70_000],
      [200, undefined],
    ]);
  });

  it("corrupt-bytes: a download reset before the byte is not hit; the resume that carries it is", async () => {
    const { emulator, initiate } = useEmulator({
      archiveBytes: 100_000,
      faults: [
        { name: "reset-mid-download", afterBytes: 10_000, times: 1 },
        { name: "corrupt-bytes", atByte: 50_000, times: 1 },
      ],
    });
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const url = emulator.completeJob(
      (await initiate(accessToken, { resources: [YT] })).body.archiveJobId,
    ).urls[0]!;
    const whole = await emulator.archiveBytes(url);
    await expect((await fetch(url)).arrayBuffer()).rejects.toThrow();
    const rest = new Uint8Array(
      await (await fetch(url, { headers: { range: "bytes=10000-" } })).arrayBuffer(),
    );
    expect(rest[40_000]).toBe(whole[50_000]! ^ 0xff);
    const downloads = emulator.requests.filter((r) => r.area === "storage");
    expect(downloads.map((r) => r.corruptedByte)).toEqual([undefined, 50_000]);
  });

  it("early-url-expiry: URLs refused as expired long before X-Goog-Expires", async () => {
    const { emulator, initiate } = useEmulator({
      faults: [{ name: "early-url-expiry", afterMs: 60_000 }],
    });
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const url = emulator.completeJob(
      (await initiate(accessToken, { resources: [YT] })).body.archiveJobId,
    ).urls[0]!;
    expect((await fetch(url)).status).toBe(200);
    emulator.clock.advance(60_001);
    const expired = await fetch(url);
    expect(expired.status).toBe(400);
    expect(await expired.text()).toContain("<Code>ExpiredToken</Code>");
  });

  it("job-fails: jobs end FAILED; a retry made after the fault is used up completes", async () => {
    const { emulator, call, initiate, state } = useEmulator({
      completeAfterPolls: 0,
      faults: [{ name: "job-fails", times: 1 }],
    });
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const id = (await initiate(accessToken, { resources: [YT] })).body.archiveJobId;
    expect((await state(accessToken, id)).body.state).toBe("FAILED");
    const retried = (
      await call("POST", `/v1/archiveJobs/${id}:retry`, { token: accessToken, body: {} })
    ).body.archiveJobId;
    expect((await state(accessToken, retried)).body.state).toBe("COMPLETE");
  });

  it("faults can target storage and oauth, and can be changed at run time", async () => {
    const { emulator, initiate } = useEmulator();
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    const url = emulator.completeJob(
      (await initiate(accessToken, { resources: [YT] })).body.archiveJobId,
    ).urls[0]!;
    emulator.setFaults([
      { name: "rate-limit", match: "storage", times: 1, retryAfterSeconds: 3 },
      { name: "server-error", match: "oauth", status: 500, times: 1 },
    ]);
    const slow = await fetch(url);
    expect(slow.status).toBe(429);
    expect(slow.headers.get("retry-after")).toBe("3");
    expect(await slow.text()).toContain("<Code>SlowDown</Code>");
    expect((await fetch(url)).status).toBe(200);
    const oauth = await fetch(emulator.tokenUrl, {
      method: "POST",
      body: new URLSearchParams({ grant_type: "refresh_token" }),
    });
    expect(oauth.status).toBe(500);
    expect(emulator.faults).toHaveLength(2);
    emulator.setFaults([]);
    expect(emulator.faults).toEqual([]);
  });

  it("random faults repeat exactly under the same seed", async () => {
    const run = async (seed: number) => {
      const { emulator, call } = useEmulator({
        seed,
        faults: [{ name: "server-error", probability: 0.4 }],
      });
      const { accessToken } = emulator.issueToken({ resources: [YT] });
      const statuses: number[] = [];
      for (let i = 0; i < 25; i++)
        statuses.push(
          (await call("POST", "/v1/accessType:check", { token: accessToken, body: {} })).status,
        );
      return statuses.join(",");
    };
    const a = await run(11);
    expect(await run(11)).toBe(a);
    expect(a).toContain("503");
    expect(a).toContain("200");
    expect(await run(12)).not.toBe(a);
  });

  it("the request log records outcomes without secrets", async () => {
    const { emulator, call } = useEmulator({ faults: [{ name: "rate-limit", times: 1 }] });
    const { accessToken } = emulator.issueToken({ resources: [YT] });
    await call("POST", `/v1/accessType:check?access_token=${accessToken}`, { body: {} });
    expect(emulator.requests).toHaveLength(1);
    expect(emulator.requests[0]).toMatchObject({
      method: "POST",
      area: "api",
      operation: "dataportability.accessType.check",
      status: 429,
      authorization: false,
    });
    expect(emulator.requests[0]!.url).not.toContain(accessToken);
    emulator.clearRequests();
    expect(emulator.requests).toEqual([]);
  });
});
