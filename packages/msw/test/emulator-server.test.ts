import { execFileSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { EMULATOR_GRANT_TYPE, VirtualClock } from "../src/index.js";
import { createEmulatorServer, type EmulatorServer } from "../src/node.js";

const servers: EmulatorServer[] = [];
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function start(options: Parameters<typeof createEmulatorServer>[0] = {}) {
  const server = await createEmulatorServer({
    clock: new VirtualClock(new Date("2026-01-01T00:00:00Z")),
    ...options,
  });
  servers.push(server);
  return server;
}

async function tokenFor(server: EmulatorServer, scope = "myactivity.youtube") {
  const response = await fetch(server.tokenUrl, {
    method: "POST",
    body: new URLSearchParams({ grant_type: EMULATOR_GRANT_TYPE, scope }),
  });
  return ((await response.json()) as { access_token: string }).access_token;
}

async function completedUrls(server: EmulatorServer, token: string) {
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const started = await fetch(`${server.url}/v1/portabilityArchive:initiate`, {
    method: "POST",
    headers,
    body: JSON.stringify({ resources: ["myactivity.youtube"] }),
  });
  const { archiveJobId } = (await started.json()) as { archiveJobId: string };
  for (;;) {
    const state = (await (
      await fetch(`${server.url}/v1/archiveJobs/${archiveJobId}/portabilityArchiveState`, {
        headers,
      })
    ).json()) as { state: string; urls?: string[] };
    if (state.state === "COMPLETE") return state.urls!;
  }
}

describe("createEmulatorServer", () => {
  it("serves every origin on one loopback port under prefixes", async () => {
    const server = await start();
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(server.storageUrl).toBe(`${server.url}/storage`);
    expect(server.oauthUrl).toBe(`${server.url}/oauth2`);
    expect(server.authorizeUrl).toBe(`${server.url}/accounts/o/oauth2/v2/auth`);
    expect(server.tokenUrl).toBe(`${server.url}/oauth2/token`);
    expect(server.revokeUrl).toBe(`${server.url}/oauth2/revoke`);
    const missing = await fetch(`${server.url}/nowhere`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get("content-type")).toContain("text/html");
  });

  it("runs the whole flow over real HTTP: token, initiate, poll, download, unzip -t, Range", async () => {
    const server = await start({ archiveBytes: 150_000 });
    const token = await tokenFor(server);
    const [url] = (await completedUrls(server, token)) as [string];
    expect(url.startsWith(`${server.storageUrl}/`)).toBe(true);
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.length).toBe(Number(response.headers.get("content-length")));
    const expected = await server.emulator.expectedArchive(url);
    expect(bytes.length).toBe(expected.size);
    expect(response.headers.get("x-goog-hash")).toBe(
      `crc32c=${expected.crc32c}, md5=${expected.md5}`,
    );
    const file = join(mkdtempSync(join(tmpdir(), "dp-http-")), "a.zip");
    writeFileSync(file, bytes);
    expect(execFileSync("unzip", ["-t", file]).toString()).toContain("No errors detected");
    const tail = await fetch(url, { headers: { range: "bytes=100000-" } });
    expect(tail.status).toBe(206);
    expect(Buffer.from(await tail.arrayBuffer()).equals(bytes.subarray(100_000))).toBe(true);
    const leaked = await fetch(url, { headers: { authorization: `Bearer ${token}` } });
    expect(leaked.status).toBe(400);
  });

  it("sends x-goog-hash as two header lines, as Cloud Storage does", async () => {
    const server = await start();
    const [url] = (await completedUrls(server, await tokenFor(server))) as [string];
    const raw = await new Promise<string[]>((resolve, reject) => {
      request(url, { method: "HEAD" }, (response) => {
        response.resume();
        resolve(response.rawHeaders);
      })
        .on("error", reject)
        .end();
    });
    const hashes = raw.filter((_, i) => i % 2 === 1 && raw[i - 1]!.toLowerCase() === "x-goog-hash");
    const expected = await server.emulator.expectedArchive(url);
    expect(hashes).toEqual([`crc32c=${expected.crc32c}`, `md5=${expected.md5}`]);
  });

  it("reset-mid-download breaks the real connection; a Range request resumes it", async () => {
    const server = await start({
      archiveBytes: 2_000_000,
      faults: [{ name: "reset-mid-download", afterBytes: 300_000, times: 1 }],
    });
    const [url] = (await completedUrls(server, await tokenFor(server))) as [string];
    const response = await fetch(url);
    expect(response.status).toBe(200);
    const total = Number(response.headers.get("content-length"));
    const received: Uint8Array[] = [];
    const reader = response.body!.getReader();
    await expect(
      (async () => {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          received.push(value);
        }
      })(),
    ).rejects.toThrow();
    const got = Buffer.concat(received);
    expect(got.length).toBeLessThanOrEqual(300_000);
    expect(got.length).toBeLessThan(total);
    const rest = await fetch(url, { headers: { range: `bytes=${got.length}-` } });
    expect(rest.status).toBe(206);
    const whole = Buffer.concat([got, Buffer.from(await rest.arrayBuffer())]);
    expect(whole.equals(Buffer.from(await server.emulator.archiveBytes(url)))).toBe(true);
  });

  it("answers CORS preflights so browser apps can use it", async () => {
    const server = await start();
    const preflight = await fetch(`${server.url}/v1/portabilityArchive:initiate`, {
      method: "OPTIONS",
      headers: {
        origin: "http://localhost:5173",
        "access-control-request-method": "POST",
        "access-control-request-headers": "authorization",
      },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(preflight.headers.get("access-control-allow-origin")).toBe("*");
  });

  it("control routes drive the clock, faults, tokens and jobs over HTTP", async () => {
    const server = await start({ completeAfterPolls: 100 });
    const control = (path: string, body?: unknown) =>
      fetch(`${server.url}/emulator${path}`, {
        method: body === undefined ? "GET" : "POST",
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      }).then(async (r) => ({
        status: r.status,
        body: (await r.json()) as Record<string, unknown>,
      }));
    expect((await control("")).body).toMatchObject({
      now: "2026-01-01T00:00:00.000Z",
      tokenUrl: server.tokenUrl,
    });
    const issued = (await control("/tokens", { resources: ["myactivity.youtube"] })).body;
    const headers = { authorization: `Bearer ${issued["accessToken"]}` };
    const started = await fetch(`${server.url}/v1/portabilityArchive:initiate`, {
      method: "POST",
      headers,
      body: JSON.stringify({ resources: ["myactivity.youtube"] }),
    });
    const { archiveJobId } = (await started.json()) as { archiveJobId: string };
    const completed = (await control(`/jobs/${archiveJobId}/complete`, {})).body;
    expect(completed["state"]).toBe("COMPLETE");
    const url = (completed["urls"] as string[])[0]!;
    expect((await control("/clock/advance", { ms: 6 * 3_600_000 + 1_000 })).body["now"]).toBe(
      "2026-01-01T06:00:01.000Z",
    );
    expect((await fetch(url)).status).toBe(400);
    await control("/faults", [{ name: "server-error", status: 500, times: 1 }]);
    expect(
      (await fetch(`${server.url}/v1/accessType:check`, { method: "POST", headers })).status,
    ).toBe(500);
    expect((await control("/jobs/nope")).status).toBe(404);
    expect((await control("/faults", [{ name: "bogus" }])).status).toBe(400);
  });

  it("drives the authorization endpoint over HTTP", async () => {
    const server = await start({ consent: { grant: ["myactivity.youtube"] } });
    const url = new URL(server.authorizeUrl);
    url.search = new URLSearchParams({
      client_id: "c",
      redirect_uri: "http://127.0.0.1:1/cb",
      response_type: "code",
      scope:
        "https://www.googleapis.com/auth/dataportability.myactivity.youtube https://www.googleapis.com/auth/dataportability.myactivity.search",
      state: "s1",
    }).toString();
    const response = await fetch(url, { redirect: "manual" });
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location")!);
    expect(location.searchParams.get("state")).toBe("s1");
    expect(location.searchParams.get("scope")).toBe(
      "https://www.googleapis.com/auth/dataportability.myactivity.youtube",
    );
  });

  it("refuses request bodies over 1 MiB", async () => {
    const server = await start();
    const response = await fetch(`${server.url}/v1/portabilityArchive:initiate`, {
      method: "POST",
      body: "x".repeat(2 * 1024 * 1024),
    });
    expect(response.status).toBe(413);
  });

  it("binds loopback only", async () => {
    await expect(createEmulatorServer({ host: "0.0.0.0" as never })).rejects.toThrow(/loopback/);
  });
});
