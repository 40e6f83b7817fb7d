import { describe, expect, it } from "vitest";
import {
  ArchiveFailedError,
  createPortabilityClient,
  exportArchive,
  PortabilityApiError,
  type ResponseEvent,
  type RetryEvent,
  refreshArchiveUrls,
  signedUrlExpiry,
  waitForArchive,
} from "../src/index.js";
import { useEmulator } from "./support/emulator.js";

const { fresh } = useEmulator();

function setup(options: Parameters<typeof fresh>[0] = {}) {
  const { emulator, clock } = fresh(options);
  const token = emulator.issueToken({ resources: ["myactivity.youtube", "maps.reviews"] });
  const retries: RetryEvent[] = [];
  const responses: ResponseEvent[] = [];
  const client = createPortabilityClient({
    auth: token.accessToken,
    clock,
    hooks: { onRetry: (e) => retries.push(e), onResponse: (e) => responses.push(e) },
  });
  return { emulator, clock, client, token, retries, responses };
}

describe("faults", () => {
  it("rate-limit: waits as Retry-After says, then succeeds", async () => {
    const { client, clock, retries } = setup({
      faults: [{ name: "rate-limit", retryAfterSeconds: 2, times: 2 }],
    });
    const job = await client.initiateArchive({ resources: ["maps.reviews"] });
    await client.getArchiveState(job.archiveJobId);
    expect(retries.map((r) => [r.status, r.delayMs])).toEqual([
      [429, 2000],
      [429, 2000],
    ]);
    expect(clock.sleeps).toEqual([2000, 2000]);
  });

  it("server-error: retries within the attempt bound, then gives up", async () => {
    const { emulator, client, retries } = setup({
      faults: [
        { name: "server-error", status: 503, times: 3, match: "getPortabilityArchiveState" },
      ],
    });
    const { archiveJobId } = await client.initiateArchive({ resources: ["maps.reviews"] });
    expect((await client.getArchiveState(archiveJobId)).state).toBe("IN_PROGRESS");
    expect(retries).toHaveLength(3);

    emulator.setFaults([
      { name: "server-error", status: 500, match: "getPortabilityArchiveState" },
    ]);
    const error = await client.getArchiveState(archiveJobId).catch((e: unknown) => e);
    expect(error).toMatchObject({ httpStatus: 500, code: "INTERNAL" });
    expect(retries).toHaveLength(6);
  });

  it("server-error: retryArchive is not repeated after a 500 (it may have run)", async () => {
    const { emulator, client } = setup();
    const { archiveJobId } = await client.initiateArchive({ resources: ["maps.reviews"] });
    emulator.failJob(archiveJobId);
    emulator.setFaults([{ name: "server-error", status: 500, times: 1, match: "retry" }]);
    await expect(client.retryArchive(archiveJobId)).rejects.toMatchObject({ httpStatus: 500 });
    emulator.setFaults([{ name: "server-error", status: 503, times: 1, match: "retry" }]);
    await expect(client.retryArchive(archiveJobId)).resolves.toMatchObject({
      archiveJobId: expect.any(String),
    });
  });

  it("html-proxy-page: a readable, token-free error, retried for reads", async () => {
    const { client, token, retries } = setup({
      faults: [{ name: "html-proxy-page", status: 502, times: 1 }],
    });
    await expect(client.checkAccessType()).resolves.toBeDefined();
    expect(retries[0]?.status).toBe(502);

    const { emulator } = setup({ faults: [{ name: "html-proxy-page", status: 502 }] });
    const once = createPortabilityClient({
      auth: emulator.issueToken({ resources: ["maps.reviews"] }).accessToken,
      retry: false,
    });
    const error = (await once.checkAccessType().catch((e: unknown) => e)) as PortabilityApiError;
    expect(error).toBeInstanceOf(PortabilityApiError);
    expect(error.httpStatus).toBe(502);
    expect(error.message).toMatch(
      /^checkAccessType: 502 \w+: unexpected non-JSON response \(text\/html\): "/,
    );
    expect(error.message).not.toMatch(/<|>/);
    expect(error.message).not.toContain(token.accessToken);
  });

  it("latency: measured on the injected clock", async () => {
    const { client, responses } = setup({ faults: [{ name: "latency", ms: 250 }] });
    await client.checkAccessType();
    expect(responses.map((r) => r.durationMs)).toEqual([250]);
  });

  it("job-fails: named error, or retried up to three times with each new job reported", async () => {
    const { client } = setup({ faults: [{ name: "job-fails", times: 1 }] });
    const { archiveJobId } = await client.initiateArchive({ resources: ["maps.reviews"] });
    const error = await waitForArchive(client, archiveJobId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveFailedError);

    const second = setup({ faults: [{ name: "job-fails", times: 2 }] });
    const started: string[] = [];
    const result = await exportArchive(second.client, {
      resources: ["myactivity.youtube"],
      retryFailed: true,
      onJobStarted: (job) => started.push(job.archiveJobId),
    });
    expect(result.jobIds).toHaveLength(3);
    expect(result.jobIds[0]).toBe(started[0]);
    expect(result.jobId).toBe(result.jobIds[2]);
    expect(second.emulator.job(result.jobId)?.state).toBe("COMPLETE");
  });

  it("early-url-expiry: refreshArchiveUrls gives working URLs again", async () => {
    const { client, clock } = setup({ faults: [{ name: "early-url-expiry", afterMs: 60_000 }] });
    const result = await exportArchive(client, { resources: ["maps.reviews"] });
    expect(result.urlsExpireAt).toEqual(signedUrlExpiry(result.urls[0]!));
    await clock.sleep(120_000);
    const stale = await fetch(result.urls[0]!);
    expect(stale.ok).toBe(false);
    const fresh = await refreshArchiveUrls(client, result.jobId);
    expect(fresh.urlsExpireAt.getTime()).toBeGreaterThan(result.urlsExpireAt.getTime());
    const response = await fetch(fresh.urls[0]!);
    expect(response.status).toBe(200);
    await response.arrayBuffer();
  });

  it("lost answer: a retried initiate meeting ALREADY_EXISTS returns the first job, no second job", async () => {
    const { emulator, clock, token } = setup();
    let dropped = false;
    const client = createPortabilityClient({
      auth: token.accessToken,
      clock,
      // The server processes the first try, but its answer never arrives.
      fetch: async (url, init) => {
        const response = await fetch(url, init);
        if (dropped) return response;
        dropped = true;
        throw new TypeError("fetch failed: socket hang up");
      },
    });
    const job = await client.initiateArchive({ resources: ["maps.reviews"] });
    expect(job.reused).toBe(true);
    expect(emulator.jobs().map((j) => j.id)).toEqual([job.archiveJobId]);
  });
});
