import { mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  ArchiveVerificationError,
  type DownloadArchiveOptions,
  type DownloadEvent,
  downloadArchive,
} from "../src/index.js";
import { planSlices } from "../src/slicing/slice-plan.js";
import { expectServed, storageRequests } from "./support/download-checks.js";
import { startEmulator, type TestEmulator } from "./support/emulator.js";
import { killedDownload } from "./support/killed-download.js";
import { startStorageProxy } from "./support/storage-proxy.js";

const MiB = 1024 * 1024;
/** 1 MiB archives in four 256 KiB slices, all opened at once. */
const SLICED = { slices: 4, slicing: "always", sliceThresholdBytes: 256 * 1024 } as const;

let folder: string;
let emu: TestEmulator | undefined;
let proxy: Awaited<ReturnType<typeof startStorageProxy>> | undefined;

beforeEach(async () => {
  folder = await mkdtemp(path.join(tmpdir(), "dp-sliced-"));
});
afterEach(async () => {
  await proxy?.close();
  proxy = undefined;
  await emu?.close();
  emu = undefined;
  await rm(folder, { recursive: true, force: true });
});

async function downloadCollecting(options: Omit<DownloadArchiveOptions, "folder" | "onEvent">) {
  const events: DownloadEvent[] = [];
  const result = await downloadArchive({
    ...SLICED,
    ...options,
    folder,
    onEvent: (e) => events.push(e),
  });
  return { result, events };
}

/** The `Range` headers slices 1 to 3 of an object of `size` bytes send first. */
function laterSliceRanges(size: number) {
  return planSlices(size, 4)
    .slice(1)
    .map((slice) => `bytes=${slice.start}-${slice.end - 1}`);
}

/** The ranges of the slices' requests (the first request, for slice 0, has none). */
function sliceRanges(e: TestEmulator) {
  return storageRequests(e)
    .map((entry) => entry.range)
    .filter((range) => range !== undefined)
    .sort();
}

async function sidecarOf(): Promise<{
  version: number;
  slices?: { start: number; end: number; written: number }[];
}> {
  const name = (await readdir(folder)).find((file) => file.endsWith(".part.json"))!;
  return JSON.parse(await readFile(path.join(folder, name), "utf8"));
}

describe("sliced downloads against the emulator", () => {
  it("fetches a large archive in ranged slices, verified by the combined CRC32C", async () => {
    emu = await startEmulator({ archiveBytes: MiB });
    const state = await emu.completedJob();
    const { result } = await downloadCollecting({ state, sha256: true });
    await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
    const expected = await emu.server.emulator.expectedArchive(state.urls[0]!);
    expect(result.files[0]).toMatchObject({
      bytes: expected.size,
      crc32c: expected.crc32c,
      resumed: false,
    });
    const requests = storageRequests(emu);
    expect(requests[0]?.range).toBeUndefined();
    expect(sliceRanges(emu)).toEqual(laterSliceRanges(expected.size));
    expect(await readdir(folder)).toEqual([result.files[0]!.name]);
  });

  it("keeps one stream below the threshold, and with slices: 1", async () => {
    emu = await startEmulator({ archiveBytes: MiB });
    const state = await emu.completedJob();
    await downloadCollecting({ state, sliceThresholdBytes: MiB + 1 });
    await downloadCollecting({ state, slices: 1, existing: "replace" });
    expect(storageRequests(emu).map((entry) => entry.range)).toEqual([undefined, undefined]);
  });

  it("computes MD5 from the finished file when every checksum is asked for", async () => {
    emu = await startEmulator({ archiveBytes: MiB });
    const state = await emu.completedJob();
    const { result } = await downloadCollecting({ state, checksums: "all" });
    const expected = await emu.server.emulator.expectedArchive(state.urls[0]!);
    expect(result.files[0]).toMatchObject({ crc32c: expected.crc32c, md5: expected.md5 });
    expect(sliceRanges(emu)).toHaveLength(3);
  });

  it("resumes a slice reset midway from its own last byte; the file equals the served archive", async () => {
    // The second request (a slice other than the first) breaks after 100 000 bytes.
    emu = await startEmulator({
      archiveBytes: MiB,
      faults: [{ name: "reset-mid-download", afterBytes: 100_000, skip: 1, times: 1 }],
    });
    const state = await emu.completedJob();
    const { result, events } = await downloadCollecting({ state, sha256: true, clock: emu.clock });
    await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
    const retries = events.filter((e) => e.type === "retry");
    expect(retries).toHaveLength(1);
    const offset = retries[0]?.type === "retry" ? retries[0].offset : 0;
    // The reset slice (not the first) resumed inside itself, up to its own end.
    const { size } = await emu.server.emulator.expectedArchive(state.urls[0]!);
    const slice = planSlices(size, 4).find((s) => s.start < offset && offset < s.end)!;
    expect(slice.start).toBeGreaterThan(0);
    expect(offset - slice.start).toBeLessThanOrEqual(100_000);
    expect(sliceRanges(emu)).toContain(`bytes=${offset}-${slice.end - 1}`);
    expect(storageRequests(emu)).toHaveLength(5);
  });

  it("refreshes URLs that expire mid-download once for all slices", async () => {
    // Every slice's first request breaks; by then the URLs have expired (6 h of virtual time).
    emu = await startEmulator({
      archiveBytes: MiB,
      faults: [{ name: "reset-mid-download", afterBytes: 50_000, times: 4 }],
    });
    const state = await emu.completedJob();
    let expired = false;
    const events: DownloadEvent[] = [];
    const result = await downloadArchive({
      ...SLICED,
      state,
      client: emu.client,
      folder,
      sha256: true,
      clock: emu.clock,
      retryDelayMs: 0,
      onEvent(event) {
        events.push(event);
        if (event.type === "retry" && !expired) {
          expired = true;
          emu!.virtual.advance(6 * 3_600_000 + 1000);
        }
      },
    });
    await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
    expect(events.filter((e) => e.type === "retry").length).toBeGreaterThanOrEqual(4);
    expect(result.urlRefreshes).toBe(1);
    expect(events.filter((e) => e.type === "urls-refreshed")).toHaveLength(1);
  });

  it("falls back to one stream from byte 0 when the server ignores Range", async () => {
    emu = await startEmulator({ archiveBytes: MiB });
    const state = await emu.completedJob();
    proxy = await startStorageProxy(emu.server.url);
    proxy.setMode("ignore-range");
    const urls = state.urls.map((url) => url.replace(emu!.server.url, proxy!.url));
    const { result } = await downloadCollecting({ state: { urls }, sha256: true });
    await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
    expect(result.files[0]).toMatchObject({ resumed: false });
    // The slices got whole objects (200); the last request is the single stream.
    const statuses = storageRequests(emu).map((entry) => entry.status);
    expect(statuses.every((status) => status === 200)).toBe(true);
    expect(statuses.length).toBeGreaterThanOrEqual(3);
    expect(await readdir(folder)).toEqual([result.files[0]!.name]);
  });

  it("fails verification when one slice carries a corrupt byte, and keeps nothing", async () => {
    emu = await startEmulator({
      archiveBytes: MiB,
      faults: [{ name: "corrupt-bytes", atByte: 600_000 }],
    });
    const state = await emu.completedJob();
    const error = await downloadCollecting({ state }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveVerificationError);
    expect(error).toMatchObject({ check: "crc32c" });
    const hit = storageRequests(emu).filter((entry) => entry.corruptedByte === 600_000);
    const { size } = await emu.server.emulator.expectedArchive(state.urls[0]!);
    expect(hit.map((entry) => entry.range)).toContain(laterSliceRanges(size)[1]);
    expect(await readdir(folder)).toEqual([]);
  });

  it("resumes every slice where it stopped after an interrupted run", async () => {
    emu = await startEmulator({ archiveBytes: MiB });
    const state = await emu.completedJob();
    const controller = new AbortController();
    const first = await downloadArchive({
      ...SLICED,
      state,
      folder,
      signal: controller.signal,
      progressIntervalMs: 0,
      onEvent(event) {
        if (event.type === "progress" && event.fileProgress.bytes > 400_000) {
          controller.abort(new Error("user stopped"));
        }
      },
    }).catch((e: unknown) => e);
    expect(first).toEqual(new Error("user stopped"));
    const sidecar = await sidecarOf();
    expect(sidecar.version).toBe(2);
    const kept = sidecar.slices!.reduce((sum, slice) => sum + slice.written, 0);
    expect(kept).toBeGreaterThan(400_000);
    const before = storageRequests(emu).length;

    const { result, events } = await downloadCollecting({ state, sha256: true });
    await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
    expect(result.files[0]).toMatchObject({ resumed: true });
    expect(events[0]).toMatchObject({ type: "file-start", offset: kept });
    const resumedRanges = storageRequests(emu)
      .slice(before)
      .map((entry) => entry.range);
    const unfinished = sidecar.slices!.filter((s) => s.start + s.written < s.end);
    expect(resumedRanges.sort()).toEqual(
      unfinished.map((s) => `bytes=${s.start + s.written}-${s.end - 1}`).sort(),
    );
    expect(await readdir(folder)).toEqual([result.files[0]!.name]);
  });

  it("starts over when the .part is shorter than its sidecar says (a truncated copy)", async () => {
    emu = await startEmulator({ archiveBytes: MiB });
    const state = await emu.completedJob();
    const { size } = await emu.server.emulator.expectedArchive(state.urls[0]!);
    const name = new URL(state.urls[0]!).pathname.split("/").pop()!;
    const slices = planSlices(size, 4).map((slice) => ({ ...slice, written: 1000 }));
    await writeFile(path.join(folder, `${name}.part`), Buffer.alloc(2000));
    await writeFile(
      path.join(folder, `${name}.part.json`),
      JSON.stringify({ version: 2, url: state.urls[0]!.split("?")[0], size, slices }),
    );
    const { result } = await downloadCollecting({ state, sha256: true });
    await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
    expect(result.files[0]).toMatchObject({ resumed: false });
    expect(storageRequests(emu)[0]?.range).toBeUndefined();
  });

  it("continues a one-stream .part left by an earlier version (sidecar version 1) as one stream", async () => {
    emu = await startEmulator({ archiveBytes: MiB });
    const state = await emu.completedJob();
    const expected = await emu.server.emulator.expectedArchive(state.urls[0]!);
    const whole = Buffer.from(await (await fetch(state.urls[0]!)).arrayBuffer());
    const name = new URL(state.urls[0]!).pathname.split("/").pop()!;
    await writeFile(path.join(folder, `${name}.part`), whole.subarray(0, 300_000));
    await writeFile(
      path.join(folder, `${name}.part.json`),
      JSON.stringify({
        version: 1,
        url: state.urls[0]!.split("?")[0],
        size: expected.size,
        crc32c: expected.crc32c,
      }),
    );
    const before = storageRequests(emu).length;
    const { result } = await downloadCollecting({ state, sha256: true });
    await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
    expect(result.files[0]).toMatchObject({ resumed: true });
    expect(
      storageRequests(emu)
        .slice(before)
        .map((entry) => entry.range),
    ).toEqual(["bytes=300000-"]);
  });

  describe("adaptive slicing (the default)", () => {
    /**
     * Downloads `urls` with default slicing (up to 4 slices, from 256 KiB) on virtual time that
     * moves `msPerWrite(n)` at the n-th landed write (each one reports progress), so the
     * measurements see a known pace.
     */
    function downloadPaced(urls: string[], msPerWrite: (write: number) => number) {
      const virtual = emu!.virtual;
      let writes = 0;
      return downloadArchive({
        state: { urls },
        folder,
        slices: 4,
        sliceThresholdBytes: 256 * 1024,
        sha256: true,
        clock: emu!.clock,
        progressIntervalMs: 0,
        onEvent: (event) => {
          if (event.type === "progress") virtual.advance(msPerWrite(++writes));
        },
      });
    }

    it("starts on one connection and probes with a range off the end once it has been measured", async () => {
      emu = await startEmulator({ archiveBytes: 8 * MiB });
      const state = await emu.completedJob();
      // A second of virtual time per landed write: slow enough to be worth a probe.
      const result = await downloadPaced(state.urls, () => 1000);
      await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
      const { size } = await emu.server.emulator.expectedArchive(state.urls[0]!);
      const [first, ...later] = storageRequests(emu);
      expect(first?.range).toBeUndefined();
      // Each later request fetches a range split off another: the probe's reaches the end.
      expect(later.length).toBeGreaterThanOrEqual(1);
      const starts = later.map((entry) => Number(/^bytes=(\d+)-\d+$/.exec(entry.range ?? "")?.[1]));
      expect(starts.every((start) => start > 0 && start < size)).toBe(true);
      expect(later.some((entry) => entry.range?.endsWith(`-${size - 1}`))).toBe(true);
      expect(await readdir(folder)).toEqual([result.files[0]!.name]);
    });

    it("opens every slice once the probe shows that a second connection helps", async () => {
      emu = await startEmulator({ archiveBytes: 16 * MiB });
      const state = await emu.completedJob();
      // A second of virtual time per write while one connection runs (warm-up, then the
      // measured window), a tenth of one afterwards: the probe window measures ten times the
      // rate.
      const result = await downloadPaced(state.urls, (write) => (write <= 3 ? 1000 : 100));
      await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
      const ranged = storageRequests(emu).filter((entry) => entry.range !== undefined);
      // The probe, then at least two more slices split off the longest rests.
      expect(ranged.length).toBeGreaterThanOrEqual(3);
      expect(await readdir(folder)).toEqual([result.files[0]!.name]);
    });

    it("starts over as one stream when the split-off slice gets the whole object", async () => {
      emu = await startEmulator({ archiveBytes: 8 * MiB });
      const state = await emu.completedJob();
      proxy = await startStorageProxy(emu.server.url);
      proxy.setMode("ignore-range");
      const urls = state.urls.map((url) => url.replace(emu!.server.url, proxy!.url));
      const result = await downloadPaced(urls, () => 1000);
      await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
      const statuses = storageRequests(emu).map((entry) => entry.status);
      expect(statuses.every((status) => status === 200)).toBe(true);
      expect(statuses.length).toBeGreaterThanOrEqual(3);
      expect(await readdir(folder)).toEqual([result.files[0]!.name]);
    });

    it("keeps one connection while no rate has been measured", async () => {
      emu = await startEmulator({ archiveBytes: 2 * MiB });
      const state = await emu.completedJob();
      // Virtual time stands still: no measurement window ever ends.
      const { result } = await downloadCollecting({ state, slicing: "adaptive", clock: emu.clock });
      expect(result.files[0]?.crc32c).toBe(
        (await emu.server.emulator.expectedArchive(state.urls[0]!)).crc32c,
      );
      expect(storageRequests(emu).map((entry) => entry.range)).toEqual([undefined]);
    });
  });

  it("resumes the slices after the process was killed with SIGKILL mid-download", {
    timeout: 60_000,
  }, async () => {
    emu = await startEmulator({ archiveBytes: 2 * MiB });
    const state = await emu.completedJob();
    const options = { slices: 4, slicing: "always", sliceThresholdBytes: MiB } as const;
    const { signal } = await killedDownload(folder, state.urls, MiB, options);
    expect(signal).toBe("SIGKILL");
    const sidecar = await sidecarOf();
    expect(sidecar.version).toBe(2);
    const before = storageRequests(emu).length;

    const result = await downloadArchive({ ...options, state, folder, sha256: true });
    await expectServed(emu, state.urls[0]!, result.files[0]!.sha256);
    const resumed = storageRequests(emu).slice(before);
    // Every request of the second run asks for the rest of a slice, none for a whole object.
    expect(resumed.length).toBeGreaterThan(0);
    expect(resumed.every((entry) => /^bytes=\d+-\d+$/.test(entry.range ?? ""))).toBe(true);
  });
});
