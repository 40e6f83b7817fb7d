import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createEmulator, VirtualClock } from "@dataportability/msw";
import { afterEach, describe, expect, it } from "vitest";
import { auditArchives } from "./archive-audit.js";

const folders: string[] = [];
afterEach(async () => {
  await Promise.all(folders.splice(0).map((f) => rm(f, { recursive: true, force: true })));
});

async function completedJob() {
  const emulator = createEmulator({
    clock: new VirtualClock(0),
    archivesPerJob: 2,
    archiveBytes: 4096,
    completeAfterPolls: 0,
  });
  const { accessToken } = emulator.issueToken({ resources: ["myactivity.youtube"] });
  const { getResponse } = await import("msw");
  const call = (path: string, init: RequestInit = {}) =>
    getResponse([...emulator.handlers], new Request(`${emulator.apiUrl}${path}`, init));
  const initiated = await call("/v1/portabilityArchive:initiate", {
    method: "POST",
    headers: { authorization: `Bearer ${accessToken}`, "content-type": "application/json" },
    body: JSON.stringify({ resources: ["myactivity.youtube"] }),
  });
  const { archiveJobId } = (await initiated!.json()) as { archiveJobId: string };
  emulator.completeJob(archiveJobId);
  const folder = await mkdtemp(join(tmpdir(), "dp-audit-"));
  folders.push(folder);
  return { emulator, jobId: archiveJobId, folder, urls: emulator.job(archiveJobId)!.urls };
}

describe("auditArchives", () => {
  it("counts whole, identical archives as verified and nothing as lost", async () => {
    const { emulator, jobId, folder, urls } = await completedJob();
    for (const [i, url] of urls.entries()) {
      await writeFile(join(folder, `a${i}.zip`), await emulator.archiveBytes(url));
    }
    await writeFile(join(folder, "b.zip.part"), "partial");
    const audit = await auditArchives(emulator, folder, jobId);
    expect(audit).toMatchObject({ expected: 2, verified: 2, bytesLost: 0, strayFiles: [] });
    expect(audit.partFiles).toEqual(["b.zip.part"]);
  });

  it("counts a truncated final file as stray and its archive as lost", async () => {
    const { emulator, jobId, folder, urls } = await completedJob();
    const whole = await emulator.archiveBytes(urls[0]!);
    await writeFile(join(folder, "a0.zip"), whole.subarray(0, 1000));
    await writeFile(join(folder, "a1.zip"), await emulator.archiveBytes(urls[1]!));
    const audit = await auditArchives(emulator, folder, jobId);
    expect(audit.verified).toBe(1);
    expect(audit.strayFiles).toEqual(["a0.zip"]);
    expect(audit.bytesLost).toBe(whole.byteLength + 1000);
  });

  it("allows no final file at all when no job completed", async () => {
    const { emulator, folder } = await completedJob();
    await writeFile(join(folder, "half.zip"), "PK");
    const audit = await auditArchives(emulator, folder, undefined);
    expect(audit).toMatchObject({ expected: 0, strayFiles: ["half.zip"], bytesLost: 2 });
  });
});
