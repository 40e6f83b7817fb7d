import { createHash } from "node:crypto";
import { createReadStream } from "node:fs";
import { rm } from "node:fs/promises";
import { join } from "node:path";
import type { Figure, Ratio } from "../harness/figure.js";
import { interleave } from "../harness/interleave.js";
import { runMeasuredChild } from "../harness/measured-child.js";
import { BENCH_DIR } from "../harness/paths.js";
import { startServerChild } from "../harness/server-child.js";
import { median, pairedRatios } from "../harness/stats.js";
import type { Suite } from "../harness/suite.js";

const MiB = 2 ** 20;

interface EmulatorInfo {
  url: string;
  accessToken: string;
}

/** What one download did: bytes, time of the transfer alone, peak memory of its process. */
interface Transfer {
  bytes: number;
  ms: number;
  peakRssBytes: number;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

/** Runs a plain-JavaScript worker of bench/src/workers and reads the JSON line it prints. */
async function runWorker(script: string, argument: unknown): Promise<Transfer> {
  const result = await runMeasuredChild(
    process.execPath,
    [join(BENCH_DIR, "src", "workers", script), JSON.stringify(argument)],
    { cwd: BENCH_DIR },
  );
  if (result.code !== 0) {
    throw new Error(`${script} exited ${result.code}: ${result.stderr.trim()}`);
  }
  const report = JSON.parse(result.stdout.trim().split("\n").pop()!) as {
    bytes: number;
    ms: number;
    maxRssBytes: number;
  };
  return { ...report, peakRssBytes: Math.max(result.peakRssBytes, report.maxRssBytes) };
}

async function runCurl(url: string, file: string): Promise<Transfer> {
  const result = await runMeasuredChild("/usr/bin/curl", [
    "--silent",
    "--show-error",
    "--fail",
    "--output",
    file,
    "--write-out",
    "%{size_download} %{time_total}",
    url,
  ]);
  if (result.code !== 0) throw new Error(`curl exited ${result.code}: ${result.stderr.trim()}`);
  const [bytes, seconds] = result.stdout.trim().split(" ").map(Number) as [number, number];
  return { bytes, ms: seconds * 1000, peakRssBytes: result.peakRssBytes };
}

async function runMd5sum(file: string): Promise<number> {
  const result = await runMeasuredChild("md5sum", [file]);
  if (result.code !== 0) throw new Error(`md5sum exited ${result.code}: ${result.stderr.trim()}`);
  return result.wallMs;
}

const mibps = (t: Transfer) => t.bytes / MiB / (t.ms / 1000);

/**
 * Downloads: throughput of `downloadArchive` against curl (and curl followed by md5sum, and
 * Node's bare `http.get` into a file) on the same signed URL of the emulator server; peak
 * memory of each for 256 MiB and 1 GiB archives, and of the emulator server serving them.
 *
 * @example
 * const sections = await downloadsSuite.run(context);
 */
export const downloadsSuite: Suite = {
  id: "downloads",
  title: "Downloads",
  async run(context) {
    const { createPortabilityClient } = await import("@dataportability/core");
    const sizes = context.quick
      ? [{ label: "16 MiB", bytes: 16 * MiB, runs: 2 }]
      : [
          { label: "256 MiB", bytes: 256 * MiB, runs: context.runs },
          { label: "1 GiB", bytes: 1024 * MiB, runs: Math.min(context.runs, 3) },
        ];
    const throughput: Figure[] = [];
    const memory: Figure[] = [];
    const ratios: Ratio[] = [];
    const notes: string[] = [];

    const idle = await runWorker("download.mjs", { idle: true });
    memory.push({
      key: "ours-idle",
      label: "baseline: the `downloadArchive` worker with the library loaded, nothing downloaded",
      unit: "MiB",
      values: [idle.peakRssBytes / MiB],
    });

    for (const size of sizes) {
      const runs = {
        ours: [] as Transfer[],
        node: [] as Transfer[],
        curl: [] as Transfer[],
        curlMd5: [] as Transfer[],
      };
      // One server per size, so its high-water mark belongs to this size alone.
      const server = await startServerChild<EmulatorInfo>("emulator-server.mjs", {
        completeAfterPolls: 0,
        archiveBytes: size.bytes,
        archivesPerJob: 1,
      });
      const dir = await context.tempDir("download-");
      let serverIdle = 0;
      let serverPeak = 0;
      try {
        serverIdle = (await server.peakRss()) / MiB;
        const client = createPortabilityClient({
          auth: server.info.accessToken,
          baseUrl: server.info.url,
        });
        const { archiveJobId } = await client.initiateArchive({
          resources: ["myactivity.youtube"],
        });
        const { urls } = await client.getArchiveState(archiveJobId);
        const url = urls[0]!;
        // Warm-up, discarded: the first request for an object costs the server more.
        await runCurl(url, "/dev/null");
        const ourDir = join(dir, "ours");
        const ourFile = join(ourDir, decodeURIComponent(new URL(url).pathname.split("/").pop()!));
        const otherFile = join(dir, "other.zip");
        const hashes = new Set<string>();
        const check = (transfer: Transfer, who: string) => {
          if (transfer.bytes < size.bytes * 0.99) {
            throw new Error(`${who} fetched ${transfer.bytes} bytes of a ${size.label} archive`);
          }
        };
        await interleave(
          [
            {
              key: "ours",
              run: async () => {
                const t = await runWorker("download.mjs", {
                  urls: [url],
                  dir: ourDir,
                  jobId: archiveJobId,
                });
                check(t, "downloadArchive");
                runs.ours.push(t);
                hashes.add(await sha256File(ourFile));
                await rm(ourDir, { recursive: true, force: true });
                return t.ms;
              },
            },
            {
              key: "node",
              run: async () => {
                const t = await runWorker("plain-download.mjs", { url, file: otherFile });
                check(t, "http.get");
                runs.node.push(t);
                hashes.add(await sha256File(otherFile));
                await rm(otherFile, { force: true });
                return t.ms;
              },
            },
            {
              key: "curl",
              run: async () => {
                const t = await runCurl(url, otherFile);
                check(t, "curl");
                runs.curl.push(t);
                const md5Ms = await runMd5sum(otherFile);
                runs.curlMd5.push({ ...t, ms: t.ms + md5Ms });
                hashes.add(await sha256File(otherFile));
                await rm(otherFile, { force: true });
                return t.ms;
              },
            },
          ],
          {
            runs: size.runs,
            warmupRuns: 0,
            onRun: (run, key) => {
              const t = runs[key as keyof typeof runs].at(-1)!;
              context.log(
                `${size.label} run ${run + 1} ${key}: ${mibps(t).toFixed(0)} MiB/s, peak RSS ${(t.peakRssBytes / MiB).toFixed(0)} MiB`,
              );
            },
          },
        );
        if (hashes.size !== 1) {
          notes.push(
            `${size.label}: the downloaded files differ (${hashes.size} distinct sha256 values).`,
          );
        }
        serverPeak = (await server.peakRss()) / MiB;
      } finally {
        await server.stop();
        await rm(dir, { recursive: true, force: true });
      }
      const speed = Object.fromEntries(
        Object.entries(runs).map(([key, transfers]) => [key, transfers.map(mibps)]),
      ) as Record<keyof typeof runs, number[]>;
      throughput.push(
        {
          key: `ours-${size.label}`,
          label: `${size.label}: \`downloadArchive\`, default settings (CRC32C verified while streaming, \`.part\` then rename)`,
          unit: "MiB/s",
          values: speed.ours,
        },
        {
          key: `curl-${size.label}`,
          label: `${size.label}: curl (baseline, verifies nothing)`,
          unit: "MiB/s",
          values: speed.curl,
        },
        {
          key: `curl-md5-${size.label}`,
          label: `${size.label}: curl, then md5sum of the file (download + verify)`,
          unit: "MiB/s",
          values: speed.curlMd5,
        },
        {
          key: `node-${size.label}`,
          label: `${size.label}: Node \`http.get\` piped to a file (Node's floor, verifies nothing)`,
          unit: "MiB/s",
          values: speed.node,
        },
      );
      ratios.push(
        {
          label: `${size.label}: downloadArchive ÷ curl`,
          values: pairedRatios(speed.ours, speed.curl),
          aim: { op: ">=", value: 0.9 },
        },
        {
          label: `${size.label}: downloadArchive ÷ (curl, then md5sum)`,
          values: pairedRatios(speed.ours, speed.curlMd5),
        },
        {
          label: `${size.label}: downloadArchive ÷ Node http.get to a file`,
          values: pairedRatios(speed.ours, speed.node),
        },
      );
      const rss = (transfers: Transfer[]) => transfers.map((t) => t.peakRssBytes / MiB);
      memory.push(
        {
          key: `ours-rss-${size.label}`,
          label: `${size.label}: \`downloadArchive\` worker peak RSS`,
          unit: "MiB",
          values: rss(runs.ours),
          aim: { op: "<=", value: 100 },
        },
        {
          key: `node-rss-${size.label}`,
          label: `${size.label}: Node \`http.get\` to a file, peak RSS`,
          unit: "MiB",
          values: rss(runs.node),
        },
        {
          key: `curl-rss-${size.label}`,
          label: `${size.label}: curl peak RSS`,
          unit: "MiB",
          values: rss(runs.curl),
        },
        {
          key: `server-idle-${size.label}`,
          label: `${size.label}: emulator server peak RSS before serving`,
          unit: "MiB",
          values: [serverIdle],
        },
        {
          key: `server-rss-${size.label}`,
          label: `${size.label}: emulator server peak RSS after serving it ${3 * size.runs + 1} times`,
          unit: "MiB",
          values: [serverPeak],
        },
      );
    }
    const growth = (prefix: string) => {
      const [small, large] = sizes.map(
        (size) => memory.find((figure) => figure.key === `${prefix}-${size.label}`)!.values,
      );
      return small && large ? (median(large) / median(small)).toFixed(2) : "n/a";
    };
    return [
      {
        title: "Downloads: throughput",
        method:
          "One archive of each size served by the emulator server (its own process, 127.0.0.1, one signed storage URL, one server per size). After one discarded warm-up download, each run has `downloadArchive`, Node's bare `http.get` and `curl --output` fetch the same URL into a file on the same disk, in rotating order. The Node workers are timed inside their process (startup excluded), curl by its own `time_total`; md5sum's wall time is added to curl's for the download + verify figure. Every file is hashed (sha256) afterwards.",
        figures: throughput,
        ratios,
        notes: [
          ...notes,
          ...(notes.length === 0
            ? ["Every file downloaded, by every contender in every run, had the same sha256."]
            : []),
        ],
      },
      {
        title: "Downloads: peak memory",
        method:
          "Peak resident set (VmHWM from /proc/<pid>/status, sampled every 10 ms, and `process.resourceUsage().maxRSS` in the Node workers) of the downloading process and of the emulator server. The workers and the server are plain JavaScript processes (no TypeScript loader) importing the built packages. Flat means the 1 GiB figures match the 256 MiB ones: nothing grows with the archive.",
        figures: memory,
        ratios: [],
        notes: [
          `Peak RSS growth from ${sizes[0]!.label} to ${sizes.at(-1)!.label} (ratio of medians): \`downloadArchive\` worker ${growth("ours-rss")}, Node http.get ${growth("node-rss")}, curl ${growth("curl-rss")}, emulator server ${growth("server-rss")}.`,
        ],
      },
    ];
  },
};
