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

interface WorkerReport {
  bytes: number;
  ms: number;
  maxRssBytes: number;
}

async function sha256File(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const chunk of createReadStream(path)) hash.update(chunk as Buffer);
  return hash.digest("hex");
}

async function runWorker(argument: unknown) {
  const result = await runMeasuredChild(
    process.execPath,
    ["--import", "tsx", join(BENCH_DIR, "src", "workers", "download.ts"), JSON.stringify(argument)],
    { cwd: BENCH_DIR },
  );
  if (result.code !== 0)
    throw new Error(`download worker exited ${result.code}: ${result.stderr.trim()}`);
  const report = JSON.parse(result.stdout.trim().split("\n").pop()!) as WorkerReport;
  return { ...report, peakRssBytes: Math.max(result.peakRssBytes, report.maxRssBytes) };
}

async function runCurl(url: string, file: string) {
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

/**
 * Downloads: throughput of `downloadArchive` against curl on the same signed URLs of the
 * emulator server, peak memory of both for 256 MiB and 1 GiB archives, and the emulator
 * server's own peak memory while serving them.
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

    const idle = await runWorker({ idle: true });
    memory.push({
      key: "node-idle",
      label: "baseline: the download worker process, library loaded, nothing downloaded",
      unit: "MiB",
      values: [idle.peakRssBytes / MiB],
    });

    for (const size of sizes) {
      const ourMiBps: number[] = [];
      const curlMiBps: number[] = [];
      const ourRss: number[] = [];
      const curlRss: number[] = [];
      const serverIdleRss: number[] = [];
      const serverPeakRss: number[] = [];
      for (let run = 0; run < size.runs; run++) {
        // A fresh server per run, so its high-water mark belongs to this size alone.
        const server = await startServerChild<EmulatorInfo>("emulator-server.ts", {
          completeAfterPolls: 0,
          archiveBytes: size.bytes,
          archivesPerJob: 1,
        });
        try {
          serverIdleRss.push((await server.peakRss()) / MiB);
          const client = createPortabilityClient({
            auth: server.info.accessToken,
            baseUrl: server.info.url,
          });
          const { archiveJobId } = await client.initiateArchive({
            resources: ["myactivity.youtube"],
          });
          const state = await client.getArchiveState(archiveJobId);
          const url = state.urls[0]!;
          const dir = await context.tempDir("download-");
          const curlFile = join(dir, "curl.zip");
          const ourDir = join(dir, "ours");
          const hashes: Record<string, string> = {};
          const contenders = [
            {
              key: "ours",
              run: async () => {
                const report = await runWorker({ urls: [url], dir: ourDir, jobId: archiveJobId });
                if (report.bytes < size.bytes * 0.99) {
                  throw new Error(`downloadArchive wrote ${report.bytes} bytes`);
                }
                ourMiBps.push(report.bytes / MiB / (report.ms / 1000));
                ourRss.push(report.peakRssBytes / MiB);
                hashes.ours = await sha256File(
                  join(ourDir, new URL(url).pathname.split("/").pop()!),
                ).catch(() => "unreadable");
                return report.ms;
              },
            },
            {
              key: "curl",
              run: async () => {
                const report = await runCurl(url, curlFile);
                curlMiBps.push(report.bytes / MiB / (report.ms / 1000));
                curlRss.push(report.peakRssBytes / MiB);
                hashes.curl = await sha256File(curlFile);
                return report.ms;
              },
            },
          ];
          // One round per server, no warm-up: who goes first alternates between runs instead.
          if (run % 2 === 1) contenders.reverse();
          await interleave(contenders, { runs: 1, warmupRuns: 0 });
          if (hashes.ours !== hashes.curl) {
            notes.push(
              `${size.label} run ${run + 1}: sha256 of our file ${hashes.ours} differs from curl's ${hashes.curl}.`,
            );
          }
          serverPeakRss.push((await server.peakRss()) / MiB);
          context.log(
            `${size.label} run ${run + 1}: ours ${ourMiBps.at(-1)!.toFixed(0)} MiB/s (${ourRss.at(-1)!.toFixed(0)} MiB RSS), curl ${curlMiBps.at(-1)!.toFixed(0)} MiB/s (${curlRss.at(-1)!.toFixed(0)} MiB RSS), server ${serverPeakRss.at(-1)!.toFixed(0)} MiB`,
          );
          await rm(dir, { recursive: true, force: true });
        } finally {
          await server.stop();
        }
      }
      throughput.push(
        {
          key: `ours-${size.label}`,
          label: `${size.label}: \`downloadArchive\` (verifies CRC32C + MD5, .part then rename)`,
          unit: "MiB/s",
          values: ourMiBps,
        },
        {
          key: `curl-${size.label}`,
          label: `${size.label}: curl (baseline)`,
          unit: "MiB/s",
          values: curlMiBps,
        },
      );
      ratios.push({
        label: `${size.label}: downloadArchive ÷ curl, throughput`,
        values: pairedRatios(ourMiBps, curlMiBps),
        aim: { op: ">=", value: 0.9 },
      });
      memory.push(
        {
          key: `ours-rss-${size.label}`,
          label: `${size.label}: download worker peak RSS (\`downloadArchive\`)`,
          unit: "MiB",
          values: ourRss,
          aim: { op: "<=", value: 100 },
        },
        {
          key: `curl-rss-${size.label}`,
          label: `${size.label}: curl peak RSS`,
          unit: "MiB",
          values: curlRss,
        },
        {
          key: `server-idle-${size.label}`,
          label: `${size.label}: emulator server peak RSS before serving`,
          unit: "MiB",
          values: serverIdleRss,
        },
        {
          key: `server-rss-${size.label}`,
          label: `${size.label}: emulator server peak RSS after serving it twice`,
          unit: "MiB",
          values: serverPeakRss,
        },
      );
    }
    const growth = (prefix: string) => {
      const [small, large] = sizes.map(
        (size) => memory.find((figure) => figure.key === `${prefix}-${size.label}`)!.values,
      );
      return small && large ? (median(large) / median(small)).toFixed(2) : "n/a";
    };
    const memoryNotes = [
      `Peak RSS growth from ${sizes[0]!.label} to ${sizes.at(-1)!.label} (ratio of medians): download worker ${growth("ours-rss")}, curl ${growth("curl-rss")}, emulator server ${growth("server-rss")}.`,
    ];
    return [
      {
        title: "Downloads: throughput",
        method:
          "One archive of each size served by the emulator server (its own process, 127.0.0.1, signed storage URL). Per run, `downloadArchive` (in a child process; timed inside it, so Node startup is excluded) and `curl --output` (timed by its own `time_total`) fetch the same URL into files on the same disk; who goes first alternates. Both files are compared by sha256 afterwards. A fresh server per run.",
        figures: throughput,
        ratios,
        notes: [
          ...notes,
          ...(notes.length === 0 ? ["Every downloaded file had the same sha256 as curl's."] : []),
        ],
      },
      {
        title: "Downloads: peak memory",
        method:
          "Peak resident set (VmHWM from /proc/<pid>/status, sampled every 10 ms, and `process.resourceUsage().maxRSS` in the Node worker) of the downloading process and of the emulator server. Flat means the 1 GiB figures match the 256 MiB ones: nothing grows with the archive.",
        figures: memory,
        ratios: [],
        notes: memoryNotes,
      },
    ];
  },
};
