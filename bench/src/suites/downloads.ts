import { rename, rm } from "node:fs/promises";
import { join } from "node:path";
import type { Figure, Ratio, Section } from "../harness/figure.js";
import { interleave } from "../harness/interleave.js";
import { runMeasuredChild } from "../harness/measured-child.js";
import { startServerChild } from "../harness/server-child.js";
import { median, pairedRatios } from "../harness/stats.js";
import type { Suite, SuiteContext } from "../harness/suite.js";
import {
  cpuSecondsPerGiB,
  ensureAria2,
  mibps,
  runAria2,
  runCurl,
  runWorker,
  sha256File,
  type Transfer,
} from "./download-contenders.js";

const MiB = 2 ** 20;
const GiB = 2 ** 30;
/** The per-connection cap of the distant-network section. */
const CAP_BYTES_PER_SECOND = 50 * MiB;

interface EmulatorInfo {
  url: string;
  accessToken: string;
}

interface Archive {
  url: string;
  jobId: string;
  /** Where the contenders write (emptied after each run). */
  dir: string;
  /** The file name `downloadArchive` gives the archive. */
  fileName: string;
}

interface Contender {
  key: string;
  label: string;
  fetch: (archive: Archive, file: string) => Promise<Transfer>;
}

/** `downloadArchive` in its own process, default settings unless `settings` are given. */
const ours = (
  key: string,
  label: string,
  settings: { slices?: number; slicing?: "always" } = {},
): Contender => ({
  key,
  label,
  fetch: async (archive, file) => {
    const dir = join(archive.dir, `${key}-out`);
    const t = await runWorker("download.mjs", {
      urls: [archive.url],
      dir,
      jobId: archive.jobId,
      ...settings,
    });
    await rename(join(dir, archive.fileName), file);
    return t;
  },
});

const curl: Contender = {
  key: "curl",
  label: "curl, one connection (baseline, verifies nothing)",
  fetch: (archive, file) => runCurl(archive.url, file),
};

/** Serves one archive of `bytes` from an emulator server child and runs `body` against it. */
async function withArchive<T>(
  context: SuiteContext,
  bytes: number,
  faults: readonly object[],
  body: (archive: Archive) => Promise<T>,
): Promise<T> {
  const { createPortabilityClient } = await import("@dataportability/core");
  const server = await startServerChild<EmulatorInfo>("emulator-server.mjs", {
    completeAfterPolls: 0,
    archiveBytes: bytes,
    archivesPerJob: 1,
    faults,
  });
  const dir = await context.tempDir("download-");
  try {
    const client = createPortabilityClient({
      auth: server.info.accessToken,
      baseUrl: server.info.url,
    });
    const { archiveJobId } = await client.initiateArchive({ resources: ["myactivity.youtube"] });
    const { urls } = await client.getArchiveState(archiveJobId);
    const url = urls[0]!;
    const fileName = decodeURIComponent(new URL(url).pathname.split("/").pop()!);
    // Warm-up, discarded: the emulator digests an object on its first read.
    await runMeasuredChild("/usr/bin/curl", [
      "--silent",
      "--range",
      "0-0",
      "--output",
      "/dev/null",
      url,
    ]);
    return await body({ url, jobId: archiveJobId, dir, fileName });
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

/**
 * Each contender fetches the archive `runs` times in rotating order; every file is hashed in
 * the first round to prove the same bytes arrived.
 */
async function race(
  context: SuiteContext,
  archive: Archive,
  contenders: readonly Contender[],
  runs: number,
  label: string,
): Promise<{ transfers: Map<string, Transfer[]>; sameBytes: boolean }> {
  const transfers = new Map(contenders.map((c) => [c.key, [] as Transfer[]]));
  const hashes = new Set<string>();
  await interleave(
    contenders.map((contender) => ({
      key: contender.key,
      run: async () => {
        const file = join(archive.dir, `${contender.key}.zip`);
        const t = await contender.fetch(archive, file);
        transfers.get(contender.key)!.push(t);
        if (transfers.get(contender.key)!.length === 1) hashes.add(await sha256File(file));
        await rm(file, { force: true });
        return t.ms;
      },
    })),
    {
      runs,
      warmupRuns: 0,
      onRun: (run, key) => {
        const t = transfers.get(key)!.at(-1)!;
        context.log(
          `${label} run ${run + 1} ${key}: ${mibps(t).toFixed(0)} MiB/s, ${cpuSecondsPerGiB(t).toFixed(2)} CPU s/GiB, peak RSS ${(t.peakRssBytes / MiB).toFixed(0)} MiB`,
        );
      },
    },
  );
  return { transfers, sameBytes: hashes.size === 1 };
}

function speedFigures(
  contenders: readonly Contender[],
  transfers: Map<string, Transfer[]>,
  size: string,
) {
  return contenders.flatMap((c): Figure[] => [
    {
      key: `${c.key}-speed`,
      label: `${size}: ${c.label}`,
      unit: "MiB/s",
      values: transfers.get(c.key)!.map(mibps),
      better: "higher",
    },
    {
      key: `${c.key}-cpu`,
      label: `${size}: ${c.label}, CPU per GiB`,
      unit: "s/GiB",
      values: transfers.get(c.key)!.map(cpuSecondsPerGiB),
      better: "lower",
    },
  ]);
}

const ratio = (
  transfers: Map<string, Transfer[]>,
  a: string,
  b: string,
  pick: (t: Transfer) => number,
) => pairedRatios(transfers.get(a)!.map(pick), transfers.get(b)!.map(pick));

const sameBytesNote = (sameBytes: boolean) =>
  sameBytes
    ? "Every contender's file had the same sha256 (checked in the first round)."
    : "The contenders' files differ (sha256)!";

async function loopbackSection(context: SuiteContext): Promise<Section> {
  const bytes = context.quick ? 32 * MiB : GiB;
  const size = context.quick ? "32 MiB" : "1 GiB";
  const contenders = [
    ours(
      "ours",
      "`downloadArchive`, default settings (adaptive slicing, CRC32C verified, `.part` then rename)",
    ),
    ours("ours-1", "`downloadArchive`, one stream (`slices: 1`)", { slices: 1 }),
    curl,
    {
      key: "node",
      label: "Node `http.get` piped to a file (Node's floor, verifies nothing)",
      fetch: (archive: Archive, file: string) =>
        runWorker("plain-download.mjs", { url: archive.url, file }),
    },
  ];
  const { transfers, sameBytes } = await withArchive(context, bytes, [], (archive) =>
    race(context, archive, contenders, Math.min(context.runs, 3), `loopback ${size}`),
  );
  const ratios: Ratio[] = [
    {
      label: `${size}: downloadArchive ÷ curl, throughput`,
      values: ratio(transfers, "ours", "curl", mibps),
      aim: { op: ">=", value: 0.9 },
    },
    {
      label: `${size}: downloadArchive ÷ curl, CPU per GiB`,
      values: ratio(transfers, "ours", "curl", cpuSecondsPerGiB),
      aim: { op: "<=", value: 1.5 },
    },
    {
      label: `${size}: one stream ÷ curl, throughput`,
      values: ratio(transfers, "ours-1", "curl", mibps),
    },
    {
      label: `${size}: one stream ÷ curl, CPU per GiB`,
      values: ratio(transfers, "ours-1", "curl", cpuSecondsPerGiB),
    },
    {
      label: `${size}: downloadArchive ÷ Node http.get to a file, CPU per GiB`,
      values: ratio(transfers, "ours", "node", cpuSecondsPerGiB),
    },
  ];
  return {
    title: "Downloads: loopback",
    method: `One ${size} archive served by the emulator server (its own process, 127.0.0.1, one signed URL). After a discarded one-byte warm-up (the emulator digests an object on its first read), each run has every contender fetch it into a file on the same disk, in rotating order. Node workers time the transfer inside their process (startup excluded) and read their CPU with \`process.cpuUsage()\`; curl is timed by its own \`time_total\` and its CPU read from bash's \`times\`. On loopback the emulator's own CPU (it builds the zip as it serves) and the machine's other load bound every contender.`,
    figures: speedFigures(contenders, transfers, size),
    ratios,
    notes: [sameBytesNote(sameBytes)],
  };
}

async function distantSection(context: SuiteContext, aria2: boolean): Promise<Section> {
  const bytes = context.quick ? 32 * MiB : GiB;
  const size = context.quick ? "32 MiB" : "1 GiB";
  const contenders: Contender[] = [
    ours("ours", "`downloadArchive`, default settings (adaptive slicing up to 4, verified)"),
    ours("ours-always", '`downloadArchive`, four slices from the start (`slicing: "always"`)', {
      slicing: "always",
    }),
    curl,
  ];
  if (aria2) {
    contenders.push({
      key: "aria2",
      label: "`aria2c -x4 -s4`, four connections (verifies nothing)",
      fetch: (archive, file) => runAria2(archive.url, file, bytes),
    });
  }
  const faults = [
    { name: "bandwidth", bytesPerSecond: CAP_BYTES_PER_SECOND },
    { name: "latency", ms: 20, match: "storage" },
  ];
  const { transfers, sameBytes } = await withArchive(context, bytes, faults, (archive) =>
    race(context, archive, contenders, Math.min(context.runs, 2), `50 MiB/s ${size}`),
  );
  const ratios: Ratio[] = [
    {
      label: `${size} at 50 MiB/s per connection: downloadArchive ÷ curl, throughput`,
      values: ratio(transfers, "ours", "curl", mibps),
      aim: { op: ">=", value: 3 },
    },
  ];
  if (aria2) {
    ratios.push({
      label: `${size} at 50 MiB/s per connection: downloadArchive ÷ aria2c -x4, throughput`,
      values: ratio(transfers, "ours", "aria2", mibps),
      aim: { op: ">=", value: 0.9 },
    });
  }
  return {
    title: "Downloads: a distant network (50 MiB/s per connection)",
    method: `The emulator server's \`bandwidth\` fault paces every download connection to 50 MiB/s and its \`latency\` fault holds each storage answer 20 ms, as a distant Cloud Storage would; one ${size} archive, fetched by each contender in rotating order. aria2c's time is its process's wall time (startup included, a few ms).`,
    figures: speedFigures(contenders, transfers, size),
    ratios,
    notes: [
      sameBytesNote(sameBytes),
      ...(aria2 ? [] : ["aria2c could not be installed here: no multi-connection baseline."]),
    ],
  };
}

async function memorySection(context: SuiteContext): Promise<Section> {
  const sizes = context.quick
    ? [
        { label: "16 MiB", bytes: 16 * MiB },
        { label: "64 MiB", bytes: 64 * MiB },
      ]
    : [
        { label: "256 MiB", bytes: 256 * MiB },
        { label: "3.7 GiB", bytes: 4_000_000_000 },
      ];
  const idle = await runWorker("download.mjs", { idle: true });
  const figures: Figure[] = [
    {
      key: "idle",
      label: "baseline: the worker with the library loaded, nothing downloaded",
      unit: "MiB",
      values: [idle.peakRssBytes / MiB],
    },
  ];
  for (const size of sizes) {
    const t = await withArchive(context, size.bytes, [], (archive) =>
      ours("ours", "").fetch(archive, join(archive.dir, "memory.zip")),
    );
    context.log(`memory ${size.label}: peak RSS ${(t.peakRssBytes / MiB).toFixed(0)} MiB`);
    figures.push({
      key: `rss-${size.label}`,
      label: `${size.label}: \`downloadArchive\` worker peak RSS (default settings)`,
      unit: "MiB",
      values: [t.peakRssBytes / MiB],
      better: "lower",
      aim: { op: "<=", value: 128 },
    });
  }
  const [small, large] = figures.slice(1).map((figure) => median(figure.values));
  return {
    title: "Downloads: peak memory",
    method:
      "Peak resident set (VmHWM from /proc/<pid>/status, sampled every 10 ms, and `process.resourceUsage().maxRSS`) of a plain-JavaScript worker process downloading one archive from the emulator server with default settings. Flat means the large archive needs no more than the small one.",
    figures,
    ratios: [],
    notes: [
      `Peak RSS growth from ${sizes[0]!.label} to ${sizes[1]!.label}: ×${((large ?? 0) / (small ?? 1)).toFixed(2)}.`,
    ],
  };
}

/**
 * Downloads: throughput and CPU per GiB of `downloadArchive` against curl on loopback, against
 * curl and aria2c on a network capped at 50 MiB/s per connection, and peak memory for a small
 * and a very large archive.
 *
 * @example
 * const sections = await downloadsSuite.run(context);
 */
export const downloadsSuite: Suite = {
  id: "downloads",
  title: "Downloads",
  async run(context) {
    const aria2 = ensureAria2(context.log);
    return [
      await loopbackSection(context),
      await distantSection(context, aria2),
      await memorySection(context),
    ];
  },
};
