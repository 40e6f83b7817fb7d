import { execFileSync } from "node:child_process";
import { createHash } from "node:crypto";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import type { Emulator } from "../src/index.js";
import { emulatorHarness } from "./support/emulator-harness.js";

const useEmulator = emulatorHarness();
const YT = "myactivity.youtube";

async function completeJob(
  emulator: Emulator,
  options: { startTime?: string; endTime?: string } = {},
) {
  const { accessToken } = emulator.issueToken({
    resources: [YT, "chrome.history"],
    expiresInMs: 30 * 86_400_000,
  });
  const started = await fetch(
    "https://dataportability.googleapis.com/v1/portabilityArchive:initiate",
    {
      method: "POST",
      headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
      body: JSON.stringify({ resources: [YT, "chrome.history"], ...options }),
    },
  );
  const { archiveJobId } = (await started.json()) as { archiveJobId: string };
  emulator.completeJob(archiveJobId);
  const state = await fetch(
    `https://dataportability.googleapis.com/v1/archiveJobs/${archiveJobId}/portabilityArchiveState`,
    {
      headers: { authorization: `Bearer ${accessToken}` },
    },
  );
  return {
    jobId: archiveJobId,
    accessToken,
    urls: ((await state.json()) as { urls: string[] }).urls,
  };
}

function xml(text: string) {
  return {
    code: /<Code>([^<]*)<\/Code>/.exec(text)?.[1],
    details: /<Details>([^<]*)<\/Details>/.exec(text)?.[1],
  };
}

function googHash(header: string | null) {
  return Object.fromEntries(
    (header ?? "")
      .split(/,\s*/)
      .map((part) => [part.slice(0, part.indexOf("=")), part.slice(part.indexOf("=") + 1)]),
  );
}

/** CRC-32C computed bit by bit: independent of the implementation under test. */
function slowCrc32c(bytes: Uint8Array): number {
  let crc = 0xffffffff;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = crc & 1 ? (crc >>> 1) ^ 0x82f63b78 : crc >>> 1;
  }
  return (crc ^ 0xffffffff) >>> 0;
}

describe("signed-URL storage", () => {
  it("serves a zip whose bytes match Content-Length, x-goog-hash and expectedArchive, and unzip -t passes", async () => {
    const { emulator } = useEmulator({ archiveBytes: 100_000, archivesPerJob: 2 });
    const { urls } = await completeJob(emulator, {
      startTime: "2025-03-01T00:00:00Z",
      endTime: "2025-04-01T00:00:00Z",
    });
    expect(urls).toHaveLength(2);
    const dir = mkdtempSync(join(tmpdir(), "dp-storage-"));
    for (const [i, url] of urls.entries()) {
      const response = await fetch(url);
      expect(response.status).toBe(200);
      expect(response.headers.get("content-type")).toBe("application/zip");
      const bytes = new Uint8Array(await response.arrayBuffer());
      expect(bytes.length).toBe(Number(response.headers.get("content-length")));
      const hash = googHash(response.headers.get("x-goog-hash"));
      expect(hash["md5"]).toBe(createHash("md5").update(bytes).digest("base64"));
      const crc = Buffer.alloc(4);
      crc.writeUInt32BE(slowCrc32c(bytes));
      expect(hash["crc32c"]).toBe(crc.toString("base64"));
      const prepared = await emulator.prepareArchive(url);
      expect(prepared).toEqual({
        objectPath: new URL(url).pathname,
        size: bytes.length,
        crc32c: hash["crc32c"],
        md5: hash["md5"],
      });
      const expected = await emulator.expectedArchive(url);
      expect(expected).toMatchObject({
        size: bytes.length,
        crc32c: hash["crc32c"],
        md5: hash["md5"],
      });
      expect(expected.sha256).toBe(createHash("sha256").update(bytes).digest("hex"));
      expect(await emulator.archiveBytes(url)).toEqual(bytes);
      const file = join(dir, `archive-${i}.zip`);
      writeFileSync(file, bytes);
      const listing = execFileSync("unzip", ["-t", file]).toString();
      expect(listing).toContain("No errors detected");
      expect(listing).toContain(`Portability/My Activity/YouTube/MyActivity-00${i + 1}.json`);
      const json = execFileSync("unzip", [
        "-p",
        file,
        `Portability/Chrome/History-00${i + 1}.json`,
      ]).toString();
      const records = (JSON.parse(json) as { "Browser History": { time_usec: number }[] })[
        "Browser History"
      ];
      expect(records.length).toBeGreaterThan(0);
      for (const r of records) {
        expect(r.time_usec / 1000).toBeGreaterThanOrEqual(Date.parse("2025-03-01T00:00:00Z"));
        expect(r.time_usec / 1000).toBeLessThanOrEqual(Date.parse("2025-04-01T00:00:00Z"));
      }
    }
    expect(
      emulator.requests
        .filter((r) => r.area === "storage")
        .every((r) => r.url.includes("X-Goog-Signature=REDACTED")),
    ).toBe(true);
  });

  it("honours Range with 206 and Content-Range, and 416 past the end", async () => {
    const { emulator } = useEmulator();
    const [url] = (await completeJob(emulator)).urls as [string];
    const whole = await emulator.archiveBytes(url);
    const tail = await fetch(url, { headers: { range: "bytes=1000-" } });
    expect(tail.status).toBe(206);
    expect(tail.headers.get("content-range")).toBe(
      `bytes 1000-${whole.length - 1}/${whole.length}`,
    );
    expect(tail.headers.get("content-length")).toBe(String(whole.length - 1000));
    expect(new Uint8Array(await tail.arrayBuffer())).toEqual(whole.subarray(1000));
    const middle = await fetch(url, { headers: { range: "bytes=10-19" } });
    expect(new Uint8Array(await middle.arrayBuffer())).toEqual(whole.subarray(10, 20));
    const past = await fetch(url, { headers: { range: `bytes=${whole.length}-` } });
    expect(past.status).toBe(416);
    expect(past.headers.get("content-range")).toBe(`bytes */${whole.length}`);
    expect(xml(await past.text()).code).toBe("InvalidRange");
  });

  it("refuses a request carrying Authorization with a 400 XML error", async () => {
    const { emulator } = useEmulator();
    const { urls, accessToken } = await completeJob(emulator);
    const leaked = await fetch(urls[0]!, { headers: { authorization: `Bearer ${accessToken}` } });
    expect(leaked.status).toBe(400);
    expect(leaked.headers.get("content-type")).toContain("application/xml");
    const error = xml(await leaked.text());
    expect(error.code).toBe("InvalidArgument");
    expect(error.details).toContain("Authorization header");
  });

  it("refuses an expired URL with ExpiredToken once its 6 hours pass", async () => {
    const { emulator } = useEmulator();
    const [url] = (await completeJob(emulator)).urls as [string];
    expect(new URL(url).searchParams.get("X-Goog-Expires")).toBe("21600");
    emulator.clock.advance(6 * 3_600_000);
    expect((await fetch(url)).status).toBe(200);
    emulator.clock.advance(1_000);
    const expired = await fetch(url);
    expect(expired.status).toBe(400);
    expect(xml(await expired.text())).toEqual({
      code: "ExpiredToken",
      details: expect.stringMatching(/^Request has expired: \d+$/),
    });
  });

  it("refuses a tampered URL with 403 SignatureDoesNotMatch, and an unsigned one with AccessDenied", async () => {
    const { emulator } = useEmulator();
    const [url] = (await completeJob(emulator)).urls as [string];
    const tampered = url.replace("X-Goog-Expires=21600", "X-Goog-Expires=604800");
    const refused = await fetch(tampered);
    expect(refused.status).toBe(403);
    expect(xml(await refused.text()).code).toBe("SignatureDoesNotMatch");
    const unsigned = await fetch(url.split("?")[0]!);
    expect(unsigned.status).toBe(403);
    expect(xml(await unsigned.text()).code).toBe("AccessDenied");
  });

  it("honours If-Range: a matching validator gets 206, a stale one the whole object (200)", async () => {
    const { emulator } = useEmulator();
    const [url] = (await completeJob(emulator)).urls as [string];
    const whole = await fetch(url);
    const size = Number(whole.headers.get("content-length"));
    const etag = whole.headers.get("etag")!;
    const lastModified = whole.headers.get("last-modified")!;
    await whole.arrayBuffer();
    const ranged = (ifRange: string) =>
      fetch(url, { headers: { range: "bytes=10-19", "if-range": ifRange } });
    for (const current of [etag, lastModified]) {
      const partial = await ranged(current);
      expect(partial.status).toBe(206);
      expect((await partial.arrayBuffer()).byteLength).toBe(10);
    }
    for (const stale of ['"0123456789abcdef"', `W/${etag}`, "Thu, 01 Jan 2025 00:00:00 GMT"]) {
      const full = await ranged(stale);
      expect(full.status, stale).toBe(200);
      expect(full.headers.get("content-range")).toBeNull();
      expect((await full.arrayBuffer()).byteLength).toBe(size);
    }
  });

  it("answers HEAD on a GET-signed URL with the object's headers and no body", async () => {
    const { emulator } = useEmulator();
    const [url] = (await completeJob(emulator)).urls as [string];
    const [head, get] = [await fetch(url, { method: "HEAD" }), await fetch(url)];
    expect(head.status).toBe(200);
    expect(await head.text()).toBe("");
    for (const name of ["content-length", "x-goog-hash", "etag", "last-modified"]) {
      expect(head.headers.get(name), name).toBe(get.headers.get(name));
    }
    await get.arrayBuffer();
  });

  it("keeps archives 14 days, then answers NoSuchKey", async () => {
    const { emulator } = useEmulator();
    const { jobId } = await completeJob(emulator);
    emulator.clock.advance(14 * 86_400_000 + 1);
    const fresh = emulator.job(jobId)!.urls[0]!;
    const gone = await fetch(fresh);
    expect(gone.status).toBe(404);
    expect(xml(await gone.text()).code).toBe("NoSuchKey");
  });

  it("serves big archives as composite objects without md5", async () => {
    const { emulator } = useEmulator({ archiveBytes: 300_000, compositeAboveBytes: 200_000 });
    const [url] = (await completeJob(emulator)).urls as [string];
    const response = await fetch(url, { headers: { range: "bytes=0-0" } });
    const hash = googHash(response.headers.get("x-goog-hash"));
    expect(Object.keys(hash)).toEqual(["crc32c"]);
    expect(response.headers.get("x-goog-component-count")).toMatch(/^\d+$/);
    expect((await emulator.expectedArchive(url)).md5).toBeUndefined();
  });

  it("rejects URLs that are not this emulator's archives", async () => {
    const { emulator } = useEmulator();
    await expect(
      emulator.expectedArchive("https://storage.googleapis.com/other/x.zip"),
    ).rejects.toThrow(/Not an archive URL/);
  });
});
