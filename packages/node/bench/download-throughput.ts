// Measures downloadArchive against curl on loopback: one large archive served by the emulator
// bin in its own process, curl and the downloader taking turns, each in a fresh process.
// Usage: pnpm build && pnpm exec tsx bench/download-throughput.ts [size, e.g. 1GiB] [runs] [crc32c|all]
import { spawn, spawnSync } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import path from "node:path";
import { createInterface } from "node:readline";
import { createPortabilityClient } from "@dataportability/core";

const size = process.argv[2] ?? "1GiB";
const runs = Number(process.argv[3] ?? 3);
const checksums = process.argv[4] ?? "crc32c";
const require = createRequire(import.meta.url);
const bin = path.join(
  path.dirname(require.resolve("@dataportability/msw/package.json")),
  "dist/bin.js",
);

const emulator = spawn(
  process.execPath,
  [bin, "--archive-bytes", size, "--complete-after-polls", "0"],
  {
    stdio: ["ignore", "pipe", "inherit"],
  },
);
const baseUrl = await new Promise<string>((resolve) => {
  createInterface({ input: emulator.stdout! }).once("line", (line) => resolve(line.trim()));
});

try {
  const tokenAnswer = await fetch(`${baseUrl}/oauth2/token`, {
    method: "POST",
    body: new URLSearchParams({
      grant_type: "urn:dataportability-emulator:consent",
      scope: "myactivity.youtube",
    }),
  });
  const { access_token: accessToken } = (await tokenAnswer.json()) as { access_token: string };
  const client = createPortabilityClient({ auth: accessToken, baseUrl });
  const { archiveJobId } = await client.initiateArchive({ resources: ["myactivity.youtube"] });
  const state = await client.getArchiveState(archiveJobId);
  const url = state.urls[0]!;
  // The emulator computes an archive's checksums on first use; keep that out of the timings.
  await fetch(url, { headers: { range: "bytes=0-0" } }).then((r) => r.arrayBuffer());

  const folder = await mkdtemp(path.join(tmpdir(), "dp-bench-"));
  const results: {
    tool: string;
    seconds: number;
    mibPerSecond: number;
    cpuSeconds?: number;
    maxRssMiB?: number;
  }[] = [];
  for (let run = 0; run < runs; run++) {
    const target = path.join(folder, "curl.zip");
    const curl = spawnSync(
      "curl",
      ["-sS", "--fail", "-o", target, "-w", "%{time_total} %{size_download}", url],
      { encoding: "utf8" },
    );
    if (curl.status !== 0) throw new Error(`curl failed: ${curl.stderr}`);
    const [seconds, bytes] = curl.stdout.trim().split(" ").map(Number) as [number, number];
    results.push({ tool: "curl", seconds, mibPerSecond: bytes / 2 ** 20 / seconds });
    await rm(target, { force: true });

    // A fresh process per run, so its peak RSS is the downloader's alone.
    const child = spawnSync(
      process.execPath,
      [path.join(import.meta.dirname, "download-once.mjs"), url, folder, checksums],
      { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
    );
    const once = JSON.parse(child.stdout) as {
      seconds: number;
      bytes: number;
      cpuSeconds: number;
      maxRssMiB: number;
    };
    results.push({
      tool: "downloadArchive",
      seconds: once.seconds,
      mibPerSecond: once.bytes / 2 ** 20 / once.seconds,
      cpuSeconds: once.cpuSeconds,
      maxRssMiB: once.maxRssMiB,
    });
  }
  console.table(results.map((r) => ({ ...r, mibPerSecond: Math.round(r.mibPerSecond) })));
  const median = (tool: string) => {
    const values = results
      .filter((r) => r.tool === tool)
      .map((r) => r.mibPerSecond)
      .sort((a, b) => a - b);
    return values[Math.floor(values.length / 2)] ?? 0;
  };
  const peak = Math.max(...results.map((r) => r.maxRssMiB ?? 0));
  const ratio = median("downloadArchive") / median("curl");
  console.log(
    `median: downloadArchive ${Math.round(median("downloadArchive"))} MiB/s, curl ${Math.round(median("curl"))} MiB/s, ratio ${ratio.toFixed(2)}; peak RSS ${peak} MiB`,
  );
  await rm(folder, { recursive: true, force: true });
} finally {
  emulator.kill();
}
