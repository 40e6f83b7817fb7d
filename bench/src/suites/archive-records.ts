import { spawnSync } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { Readable } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { Figure, Ratio } from "../harness/figure.js";
import { interleave } from "../harness/interleave.js";
import { runMeasuredChild } from "../harness/measured-child.js";
import { BENCH_DIR } from "../harness/paths.js";
import type { Suite, SuiteContext } from "../harness/suite.js";

const MiB = 2 ** 20;

interface WorkerResult {
  records: number;
  ms: number;
  maxRssBytes: number;
}

/** Writes an emulator archive of My Activity records of about `bytes` to `file`. */
async function writeArchive(file: string, bytes: number): Promise<void> {
  const { createPortabilityClient } = await import("@dataportability/core");
  const { createEmulatorServer } = await import("@dataportability/msw/node");
  const server = await createEmulatorServer({
    completeAfterPolls: 0,
    archiveBytes: bytes,
    archivesPerJob: 1,
  });
  try {
    const { accessToken } = server.emulator.issueToken({ resources: ["myactivity.youtube"] });
    const client = createPortabilityClient({ auth: accessToken, baseUrl: server.url });
    const { archiveJobId } = await client.initiateArchive({ resources: ["myactivity.youtube"] });
    const [url] = (await client.getArchiveState(archiveJobId)).urls;
    const stream = await server.emulator.archiveStream(url!);
    await pipeline(
      Readable.fromWeb(stream as import("node:stream/web").ReadableStream<Uint8Array>),
      createWriteStream(file),
    );
  } finally {
    await server.close();
  }
}

async function worker(file: string, mode: "stream" | "naive"): Promise<WorkerResult> {
  const result = await runMeasuredChild(
    process.execPath,
    [join(BENCH_DIR, "src", "workers", "read-records.mjs"), JSON.stringify({ file, mode })],
    { cwd: BENCH_DIR },
  );
  if (result.code !== 0)
    throw new Error(`read-records ${mode} exited ${result.code}: ${result.stderr.trim()}`);
  return JSON.parse(result.stdout) as WorkerResult;
}

/** jq is Debian's: installed with apt-get when missing and root, else left out. */
function haveJq(context: SuiteContext): boolean {
  if (spawnSync("sh", ["-c", "command -v jq && command -v unzip"]).status === 0) return true;
  if (process.getuid?.() !== 0) return false;
  context.log("installing jq and unzip with apt-get…");
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  spawnSync("apt-get", ["update", "-qq"], { env });
  spawnSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", "jq", "unzip"], { env });
  return spawnSync("sh", ["-c", "command -v jq && command -v unzip"]).status === 0;
}

async function jq(file: string): Promise<{ records: number; ms: number }> {
  const result = await runMeasuredChild("/bin/sh", [
    "-c",
    `unzip -p "$0" '*.json' | jq -c '.[]' | wc -l`,
    file,
  ]);
  if (result.code !== 0)
    throw new Error(`unzip | jq exited ${result.code}: ${result.stderr.trim()}`);
  return { records: Number(result.stdout.trim()), ms: result.wallMs };
}

/**
 * Archive records: every record of an archive of My Activity JSON files read with
 * `readRecords` (streamed), against `JSON.parse` of each file inflated whole and against
 * `unzip -p | jq -c '.[]'`; records per second, MiB/s and peak RSS, at two archive sizes.
 *
 * @example
 * const sections = await archiveRecordsSuite.run(context);
 */
export const archiveRecordsSuite: Suite = {
  id: "archive-records",
  title: "Archive records",
  async run(context) {
    const sizes = context.quick ? [32] : [256, 1024];
    const withJq = haveJq(context);
    const figures: Figure[] = [];
    const ratios: Ratio[] = [];
    const notes: string[] = [];
    for (const mib of sizes) {
      const file = join(await context.tempDir("records-"), "archive.zip");
      await writeArchive(file, mib * MiB);
      const runs: Record<string, WorkerResult[]> = { stream: [], naive: [], jq: [] };
      const timed = (mode: "stream" | "naive") => async () => {
        const result = await worker(file, mode);
        runs[mode]!.push(result);
        return result.ms;
      };
      const contenders = [
        { key: "stream", run: timed("stream") },
        { key: "naive", run: timed("naive") },
      ];
      if (withJq) {
        contenders.push({
          key: "jq",
          run: async () => {
            const { records, ms } = await jq(file);
            runs.jq!.push({ records, ms, maxRssBytes: 0 });
            return ms;
          },
        });
      }
      const values = await interleave(contenders, {
        runs: context.runs,
        warmupRuns: 0,
        onRun: (run, key, ms) =>
          context.log(`records ${mib} MiB ${key} run ${run + 1}: ${ms.toFixed(0)} ms`),
      });
      const counts = new Set(Object.values(runs).flatMap((list) => list.map((r) => r.records)));
      if (counts.size !== 1)
        throw new Error(`contenders disagree on the record count: ${[...counts].join(", ")}`);
      const records = [...counts][0]!;
      const perSecond = (key: string) => values.get(key)!.map((ms) => records / (ms / 1000));
      figures.push(
        {
          key: `stream-${mib}`,
          label: `${mib} MiB: readRecords, streamed (records/s)`,
          unit: "records/s",
          values: perSecond("stream"),
          better: "higher",
        },
        {
          key: `stream-mibs-${mib}`,
          label: `${mib} MiB: readRecords, streamed (MiB/s of archive)`,
          unit: "MiB/s",
          values: values.get("stream")!.map((ms) => mib / (ms / 1000)),
          better: "higher",
        },
        {
          key: `stream-rss-${mib}`,
          label: `${mib} MiB: readRecords peak RSS`,
          unit: "MiB",
          values: runs.stream!.map((r) => r.maxRssBytes / MiB),
          better: "lower",
          aim: { op: "<=", value: 150 },
        },
        {
          key: `naive-${mib}`,
          label: `${mib} MiB: JSON.parse of each file inflated whole (records/s)`,
          unit: "records/s",
          values: perSecond("naive"),
          better: "higher",
        },
        {
          key: `naive-rss-${mib}`,
          label: `${mib} MiB: JSON.parse of each file, peak RSS`,
          unit: "MiB",
          values: runs.naive!.map((r) => r.maxRssBytes / MiB),
          better: "lower",
        },
      );
      ratios.push({
        label: `${mib} MiB: readRecords ÷ JSON.parse whole (time)`,
        values: values.get("stream")!.map((ms, i) => ms / values.get("naive")![i]!),
      });
      if (withJq) {
        figures.push({
          key: `jq-${mib}`,
          label: `${mib} MiB: unzip -p | jq -c '.[]' (records/s)`,
          unit: "records/s",
          values: perSecond("jq"),
          better: "higher",
        });
        ratios.push({
          label: `${mib} MiB: readRecords ÷ jq (time)`,
          values: values.get("stream")!.map((ms, i) => ms / values.get("jq")![i]!),
          aim: { op: "<=", value: 1 },
        });
      }
      notes.push(
        `${mib} MiB archive: ${records.toLocaleString("en-US")} records, the same count from every contender.`,
      );
    }
    if (!withJq)
      notes.push(
        "jq or unzip is not installed here and could not be installed: the jq row is left out.",
      );
    return [
      {
        title: "Archive records",
        method:
          "An emulator archive of My Activity JSON files (stored zip, 512-byte records) is written to a temporary file; each contender reads every record in its own process, taking turns. readRecords streams the file (fs stream → openArchive → readRecords); the naive reader inflates each entry whole with fflate and JSON.parse's it; jq reads `unzip -p` output. Peak RSS is the process's maxRSS.",
        figures,
        ratios,
        notes,
      },
    ];
  },
};
