import { mkdtemp, readdir, readFile, rm, stat, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import {
  ArchiveCancelledError,
  ArchiveFailedError,
  InvalidArgumentError,
} from "@dataportability/core";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ArchiveDownloadError,
  ArchiveVerificationError,
  type DownloadArchiveOptions,
  type DownloadEvent,
  downloadArchive,
} from "../src/index.js";
import { expectServed, storageRequests } from "./support/download-checks.js";
import { startEmulator, type TestEmulator } from "./support/emulator.js";
import { killedDownload } from "./support/killed-download.js";
import { startStorageProxy } from "./support/storage-proxy.js";

let folder: string;
let emu: TestEmulator | undefined;

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "dp-download-"));
});
afterEach(async () => {
  await emu?.close();
  emu = undefined;
  await rm(folder, { recursive: true, force: true });
});

/** Downloads into the test folder, collecting every event. */
async function downloadCollecting(options: Omit<DownloadArchiveOptions, "folder" | "onEvent">) {
  const events: DownloadEvent[] = [];
  const result = await downloadArchive({ ...options, folder, onEvent: (e) => events.push(e) });
  return { result, events };
}

describe("downloadArchive against the emulator over HTTP", () => {
  it("downloads every archive, verified, without Authorization to storage and without secrets in events", async () => {
    emu = await startEmulator({ archivesPerJob: 3 });
    const state = await emu.completedJob();
    const { result, events } = await downloadCollecting({
      state,
      client: emu.client,
      sha256: true,
      concurrency: 2,
    });
    expect(result.files).toHaveLength(3);
    for (const [i, file] of result.files.entries()) {
      await expectServed(emu, state.urls[i]!, file.sha256);
      expect(file).toMatchObject({ resumed: false, skipped: false });
      expect(file.path).toBe(path.join(folder, file.name));
      expect(file.url).not.toContain("?");
      expect((await stat(file.path)).size).toBe(file.bytes);
    }
    expect(result.bytes).toBe(result.files.reduce((sum, f) => sum + f.bytes, 0));
    // Nothing but the archives is left in the folder.
    expect((await readdir(folder)).sort()).toEqual(result.files.map((f) => f.name).sort());

    const storage = storageRequests(emu);
    expect(storage.length).toBe(3);
    expect(storage.every((entry) => !entry.authorization)).toBe(true);
    // The log does see Authorization where it is sent: on the API.
    expect(emu.server.emulator.requests.some((e) => e.area === "api" && e.authorization)).toBe(
      true,
    );

    const text = JSON.stringify(events);
    expect(text).not.toContain("X-Goog-Signature");
    expect(text).not.toContain(emu.accessToken);
    const last = events.filter((e) => e.type === "progress").at(-1);
    expect(last?.type === "progress" && last.total.bytes).toBe(result.bytes);
    expect(events.filter((e) => e.type === "file-complete")).toHaveLength(3);
  });

  it("resumes with Range after a connection reset mid-download; the file equals the served archive", async () => {
    emu = await startEmulator({
      archiveBytes: 1024 * 1024,
      faults: [{ name: "reset-mid-download", afterBytes: 300_000, times: 1 }],
    });
    const state = await emu.completedJob();
    const { result, events } = await downloadCollecting({
      state,
      client: emu.client,
      sha256: true,
      clock: emu.clock,
    });
    const file = result.files[0]!;
    await expectServed(emu, state.urls[0]!, file.sha256);
    expect(file.resumed).toBe(true);
    const retry = events.find((e) => e.type === "retry");
    expect(retry).toMatchObject({ type: "retry", attempt: 1 });
    const offset = retry?.type === "retry" ? retry.offset : 0;
    expect(offset).toBeGreaterThan(0);
    expect(offset).toBeLessThanOrEqual(300_000);
    const ranges = storageRequests(emu).map((entry) => entry.range);
    expect(ranges).toEqual([undefined, `bytes=${offset}-`]);
  });

  it("refreshes URLs that expire mid-download and resumes where it stopped", async () => {
    emu = await startEmulator({
      archiveBytes: 1024 * 1024,
      faults: [
        { name: "reset-mid-download", afterBytes: 300_000, times: 1 },
        // Signed URLs die 2 s (virtual) after signing; the retry wait (>= 4 s) passes that.
        { name: "early-url-expiry", afterMs: 2000 },
      ],
    });
    const state = await emu.completedJob();
    const { result, events } = await downloadCollecting({
      state,
      client: emu.client,
      sha256: true,
      clock: emu.clock,
      retryDelayMs: 5000,
    });
    await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
    expect(result.urlRefreshes).toBe(1);
    expect(events.some((e) => e.type === "urls-refreshed")).toBe(true);
    const storage = storageRequests(emu);
    expect(storage.map((entry) => entry.status)).toEqual([200, 400, 206]);
    expect(storage[2]?.range).toMatch(/^bytes=[1-9]\d*-$/);
  });

  it("refreshes a URL that will expire before the download starts, without a failed request", async () => {
    emu = await startEmulator();
    const state = await emu.completedJob();
    emu.virtual.advance(6 * 3_600_000 - 30_000); // 30 s left, under the 60 s margin
    const result = await downloadArchive({ state, client: emu.client, folder, clock: emu.clock });
    expect(result.urlRefreshes).toBe(1);
    expect(storageRequests(emu).map((entry) => entry.status)).toEqual([200]);
  });

  it("refreshes before resuming when the URL would expire before the rest arrives at the current rate", async () => {
    emu = await startEmulator({
      archiveBytes: 1024 * 1024,
      faults: [{ name: "reset-mid-download", afterBytes: 300_000, times: 1 }],
    });
    const state = await emu.completedJob();
    emu.virtual.advance(6 * 3_600_000 - 600_000); // 10 minutes left
    let seen = 0;
    const result = await downloadArchive({
      state,
      client: emu.client,
      folder,
      sha256: true,
      clock: emu.clock,
      progressIntervalMs: 0,
      onEvent(event) {
        // A slow link: 1 000 bytes per (virtual) second.
        if (event.type === "progress") {
          emu!.virtual.advance(event.fileProgress.bytes - seen);
          seen = event.fileProgress.bytes;
        }
      },
    });
    await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
    // ~5 minutes were left at the reset, well over the 60 s margin, but ~12 minutes of
    // transfer remained: the resume used a fresh URL instead of failing on an expired one.
    expect(result.urlRefreshes).toBe(1);
    expect(storageRequests(emu).map((entry) => entry.status)).toEqual([200, 206]);
  });

  it("without a client, an expired URL fails with a typed error naming the fix", async () => {
    emu = await startEmulator();
    const state = await emu.completedJob();
    emu.virtual.advance(7 * 3_600_000);
    const error = await downloadArchive({ state, folder, clock: emu.clock }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArchiveDownloadError);
    expect(error).toMatchObject({ reason: "url-expired" });
    expect(String(error)).not.toContain("X-Goog-Signature");
    expect(storageRequests(emu)).toEqual([]);
  });

  it("retries storage 503s with backoff on the injected clock", async () => {
    emu = await startEmulator({ faults: [{ name: "server-error", match: "storage", times: 2 }] });
    const state = await emu.completedJob();
    const before = emu.virtual.nowMs();
    const { result, events } = await downloadCollecting({ state, sha256: true, clock: emu.clock });
    await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
    expect(
      events.filter((e) => e.type === "retry").map((e) => e.type === "retry" && e.attempt),
    ).toEqual([1, 2]);
    expect(emu.virtual.nowMs() - before).toBeGreaterThanOrEqual(800 + 1600);
  });

  it("fails verification of a tampered archive and does not rename it into place", async () => {
    // One byte flipped on the way, under the true object's size and x-goog-hash.
    emu = await startEmulator({ faults: [{ name: "corrupt-bytes", atByte: 1000 }] });
    const state = await emu.completedJob();
    const error = await downloadArchive({ state: { urls: state.urls }, folder }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArchiveVerificationError);
    expect(error).toMatchObject({ check: "crc32c" });
    expect(storageRequests(emu).map((entry) => entry.corruptedByte)).toEqual([1000]);
    expect(await readdir(folder)).toEqual([]);
  });

  it("resumes from a .part file and its sidecar left by an interrupted run", async () => {
    emu = await startEmulator({ archiveBytes: 1024 * 1024 });
    const state = await emu.completedJob();
    const controller = new AbortController();
    const first = await downloadArchive({
      state,
      folder,
      signal: controller.signal,
      progressIntervalMs: 0,
      onEvent(event) {
        if (event.type === "progress" && event.fileProgress.bytes > 200_000) {
          controller.abort(new Error("user stopped"));
        }
      },
    }).catch((e: unknown) => e);
    expect(first).toEqual(new Error("user stopped"));
    const names = await readdir(folder);
    const part = names.find((name) => name.endsWith(".part"));
    expect(part).toBeDefined();
    expect(names).toContain(`${part}.json`);
    const sidecar = JSON.parse(await readFile(path.join(folder, `${part}.json`), "utf8"));
    expect(sidecar.url).not.toContain("?");
    const kept = (await stat(path.join(folder, part!))).size;
    expect(kept).toBeGreaterThan(200_000);

    const { result, events } = await downloadCollecting({
      state,
      sha256: true,
    });
    await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
    expect(events[0]).toMatchObject({ type: "file-start", offset: kept });
    expect(storageRequests(emu).at(-1)?.range).toBe(`bytes=${kept}-`);
    expect(await readdir(folder)).toEqual([result.files[0]!.name]);
  });

  // Starting a second Node process (with tsx) takes seconds on a loaded machine.
  it("resumes on the next run after the process was killed with SIGKILL mid-download", {
    timeout: 60_000,
  }, async () => {
    emu = await startEmulator({ archiveBytes: 2 * 1024 * 1024 });
    const state = await emu.completedJob();
    const { stoppedAt, signal } = await killedDownload(folder, state.urls, 500_000);
    expect(signal).toBe("SIGKILL");

    const names = await readdir(folder);
    const part = names.find((name) => name.endsWith(".part"));
    expect(part).toBeDefined();
    const kept = (await stat(path.join(folder, part!))).size;
    expect(kept).toBeGreaterThanOrEqual(stoppedAt);

    const result = await downloadArchive({ state, folder, sha256: true });
    expect(result.files[0]).toMatchObject({ resumed: true });
    await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
    expect(storageRequests(emu).at(-1)?.range).toBe(`bytes=${kept}-`);
  });

  it("keeps an existing correct file, and replaces a wrong one", async () => {
    emu = await startEmulator();
    const state = await emu.completedJob();
    const first = await downloadArchive({ state, folder, sha256: true });
    const again = await downloadArchive({ state, folder, sha256: true });
    expect(again.files[0]).toMatchObject({ skipped: true, sha256: first.files[0]!.sha256 });
    expect(storageRequests(emu).at(-1)?.range).toBe("bytes=0-0");

    await writeFile(first.files[0]!.path, "not the archive");
    const fixed = await downloadArchive({ state, folder, sha256: true });
    expect(fixed.files[0]).toMatchObject({ skipped: false });
    await expectServed(emu, state.urls[0]!, fixed.files[0]!.sha256);
  });

  it("checks CRC32C by default and MD5 too with checksums: 'all'", async () => {
    emu = await startEmulator();
    const state = await emu.completedJob();
    const expected = await emu.server.emulator.expectedArchive(state.urls[0]!);
    const fast = await downloadArchive({ state, folder, clock: emu.clock, existing: "replace" });
    expect(fast.files[0]).toMatchObject({ crc32c: expected.crc32c });
    expect(fast.files[0]?.md5).toBeUndefined();
    const all = await downloadArchive({
      state,
      folder,
      clock: emu.clock,
      existing: "replace",
      checksums: "all",
    });
    expect(all.files[0]).toMatchObject({ crc32c: expected.crc32c, md5: expected.md5 });
  });

  it("downloads by job ID through the client", async () => {
    emu = await startEmulator({ archivesPerJob: 2 });
    const { jobId } = await emu.completedJob();
    const result = await downloadArchive({ jobId, client: emu.client, folder });
    expect(result.jobId).toBe(jobId);
    expect(result.files).toHaveLength(2);
  });
});

describe("downloadArchive refuses answers that are not the archive", () => {
  let running: Awaited<ReturnType<typeof startStorageProxy>> | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  /** A completed job, and its archive URLs rewritten to go through a storage proxy. */
  async function proxiedJob(options: Parameters<typeof startEmulator>[0] = {}) {
    emu = await startEmulator(options);
    const state = await emu.completedJob();
    const proxy = await startStorageProxy(emu.server.url);
    running = proxy;
    const urls = state.urls.map((url) => url.replace(emu!.server.url, proxy.url));
    return { emulator: emu, state, urls, proxy };
  }

  it("refuses a captive portal's 200 text/html page (no size, no checksum) and keeps nothing", async () => {
    const { urls, proxy } = await proxiedJob();
    proxy.setMode("portal");
    const events: DownloadEvent[] = [];
    const error = await downloadArchive({
      state: { urls },
      folder,
      onEvent: (event) => events.push(event),
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveDownloadError);
    expect(error).toMatchObject({ reason: "not-an-archive", httpStatus: 200 });
    expect((error as Error).message).toMatch(
      /HTML page \(text\/html\), no Content-Length, no checksum in x-goog-hash/,
    );
    expect((error as Error).message).not.toContain("X-Goog-Signature");
    // Refused at once: a portal does not go away by retrying.
    expect(events.filter((e) => e.type === "retry")).toEqual([]);
    expect(await readdir(folder)).toEqual([]);
  });

  it("refuses an answer whose x-goog-hash was stripped, though it has a size", async () => {
    const { urls, proxy } = await proxiedJob();
    proxy.setMode("strip-hash");
    const error = await downloadArchive({ state: { urls }, folder }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveDownloadError);
    expect(error).toMatchObject({ reason: "not-an-archive" });
    expect((error as Error).message).toMatch(
      /HTTP 200 with no checksum in x-goog-hash: not the archive/,
    );
    expect(await readdir(folder)).toEqual([]);
  });

  it("keeps the .part of an earlier run when a portal answers the resume, and resumes later", async () => {
    const { emulator, state, urls, proxy } = await proxiedJob({ archiveBytes: 1024 * 1024 });
    const controller = new AbortController();
    await downloadArchive({
      state: { urls },
      folder,
      signal: controller.signal,
      progressIntervalMs: 0,
      onEvent(event) {
        if (event.type === "progress" && event.fileProgress.bytes > 200_000) {
          controller.abort(new Error("user stopped"));
        }
      },
    }).catch(() => undefined);
    const before = (await readdir(folder)).sort();
    const part = before.find((name) => name.endsWith(".part"))!;
    const kept = (await stat(path.join(folder, part))).size;
    expect(before).toEqual([part, `${part}.json`]);

    proxy.setMode("portal");
    const refused = await downloadArchive({ state: { urls }, folder }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ reason: "not-an-archive" });
    expect((await readdir(folder)).sort()).toEqual(before);
    expect((await stat(path.join(folder, part))).size).toBe(kept);

    proxy.setMode("forward");
    const result = await downloadArchive({ state: { urls }, folder, sha256: true });
    expect(result.files[0]).toMatchObject({ resumed: true });
    await expectServed(emulator, state.urls[0]!, result.files[0]!.sha256);
  });
});

describe("downloadArchive of a job that ended without an archive", () => {
  it("throws ArchiveFailedError for a FAILED job, before any storage request", async () => {
    emu = await startEmulator({ faults: [{ name: "job-fails", times: 1 }] });
    const { archiveJobId } = await emu.client.initiateArchive({
      resources: ["myactivity.youtube"],
    });
    const error = await downloadArchive({ jobId: archiveJobId, client: emu.client, folder }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArchiveFailedError);
    expect(error).toMatchObject({ jobId: archiveJobId, jobIds: [archiveJobId] });
    expect(storageRequests(emu)).toEqual([]);
    expect(await readdir(folder)).toEqual([]);
  });

  it("throws ArchiveCancelledError for a CANCELLED job", async () => {
    emu = await startEmulator({ completeAfterPolls: 5 });
    const { archiveJobId } = await emu.client.initiateArchive({
      resources: ["myactivity.youtube"],
    });
    await emu.client.cancelArchive(archiveJobId);
    const error = await downloadArchive({ jobId: archiveJobId, client: emu.client, folder }).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(ArchiveCancelledError);
    expect(error).toMatchObject({ jobId: archiveJobId });
  });

  it("reads the job ID from the state, and says when none was given", async () => {
    const failed = await downloadArchive({
      state: { state: "FAILED", urls: [], jobId: "j-1" },
      folder,
    }).catch((e: unknown) => e);
    expect(failed).toBeInstanceOf(ArchiveFailedError);
    expect(failed).toMatchObject({ jobId: "j-1" });
    const cancelled = await downloadArchive({
      state: { state: "CANCELLED", urls: [] },
      folder,
    }).catch((e: unknown) => e);
    expect(cancelled).toBeInstanceOf(ArchiveCancelledError);
    expect((cancelled as Error).message).toMatch(/job ID not given/);
  });
});

describe("downloadArchive input checks (before any request)", () => {
  it.each([
    [{ folder: "x" }, "state"],
    [{ state: { urls: [] }, folder: "x" }, "state"],
    [{ state: { state: "IN_PROGRESS", urls: ["https://s/a.zip"] }, folder: "x" }, "state"],
    [{ state: { urls: ["http://example.com/a.zip"] }, folder: "x" }, "state.urls[0]"],
    [{ state: { urls: ["https://s/a.zip"] }, folder: "" }, "folder"],
    [{ state: { urls: ["https://s/a.zip"] }, folder: "x", concurrency: 0 }, "concurrency"],
    [{ state: { urls: ["https://s/a.zip"] }, folder: "x", checksums: "sha1" }, "checksums"],
    [{ state: { urls: ["https://s/a.zip"] }, folder: "x", existing: "skip" }, "existing"],
    [{ state: { urls: ["https://s/a.zip"] }, folder: "x", slicing: "sometimes" }, "slicing"],
    [{ state: { urls: ["https://s/a.zip"] }, folder: "x", slices: 17 }, "slices"],
  ])("rejects %j naming %s", async (options, field) => {
    const error = await downloadArchive(options as never).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidArgumentError);
    expect((error as InvalidArgumentError).field).toBe(field);
  });
});
