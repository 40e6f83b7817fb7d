// BullMQ bench: N emulated users' exports (default 1000) completed by 1, 2 and 4 worker
// processes, then 100 users' sizeable archives (8 MiB each, in slices) downloaded by 1 and 2
// workers. Each configuration gets a fresh redis-server and a fresh emulator over HTTP;
// scheduled waits are skipped (see worker.ts). Writes JSON sections for `pnpm bench`
// (BENCH_RESULTS_FILE), or prints them.
import { type ChildProcess, execFile, spawn } from "node:child_process";
import { mkdtemp, readdir, rm, stat, writeFile } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { createEmulatorServer } from "@dataportability/msw/node";
import { startRedisServer, type TestRedis } from "@dataportability/redis-support";
import { createExportEvents, createExportQueue } from "../../packages/bullmq/src/index.js";

const quick = process.env["BENCH_QUICK"] === "1";
const users = Number(process.env["BULLMQ_BENCH_USERS"] ?? (quick ? 100 : 1000));
const runs = Math.max(1, Math.min(3, Number(process.env["BENCH_RUNS"] ?? 1)));
const workerCounts = [1, 2, 4];
const archiveUsers = Number(process.env["BULLMQ_BENCH_ARCHIVE_USERS"] ?? (quick ? 20 : 100));
const archiveBytes = (quick ? 1 : 8) * 2 ** 20;
const archiveWorkerCounts = [1, 2];
const WORKER = fileURLToPath(new URL("./worker.ts", import.meta.url));
const MiB = 1024 * 1024;

/** What one configuration runs: how many users, and how large each archive is. */
interface Load {
  users: number;
  archiveBytes: number;
  /** Archives from this size on are downloaded in slices (the workers' setting). */
  sliceThresholdBytes?: number;
}

interface Measure {
  wallS: number;
  /** Bytes of archives stored in the sink. */
  bytes: number;
  exportsPerS: number;
  stateReadsPerS: number;
  apiCallsPerS: number;
  redisPeakMiB: number;
  redisEndMiB: number;
  workerRssMiB: number;
  workerCpuS: number;
  mainCpuS: number;
}

function lines(child: ChildProcess, onLine: (line: string) => void): void {
  let buffer = "";
  child.stdout?.on("data", (chunk: Buffer) => {
    buffer += chunk.toString();
    const parts = buffer.split("\n");
    buffer = parts.pop() ?? "";
    for (const line of parts) onLine(line);
  });
}

const redisInfo = async (url: string) =>
  (await promisify(execFile)("redis-cli", ["-u", url, "INFO", "memory"])).stdout;
const info = (text: string, field: string) =>
  Number(new RegExp(`^${field}:(\\d+)`, "m").exec(text)?.[1] ?? 0);

/** Total size of the files under `dir`. */
async function sizeOf(dir: string): Promise<number> {
  let total = 0;
  for (const entry of await readdir(dir, { recursive: true, withFileTypes: true })) {
    if (entry.isFile()) total += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return total;
}

async function measure(workerCount: number, load: Load): Promise<Measure> {
  const { users } = load;
  const dir = await mkdtemp(path.join(tmpdir(), "bullmq-bench-"));
  const children: ChildProcess[] = [];
  const closers: (() => Promise<unknown>)[] = [];
  const stop = async (child: ChildProcess) => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once("exit", resolve));
    child.kill("SIGTERM");
    await exited;
  };
  let redis: TestRedis | undefined;
  try {
    redis = await startRedisServer();
    const server = await createEmulatorServer({
      completeAfterPolls: 3,
      archiveBytes: load.archiveBytes,
      requestLogLimit: 10,
    });
    closers.push(() => server.close());
    const tokens: Record<string, string> = {};
    for (let i = 0; i < users; i++) {
      const user = `user-${i}`;
      tokens[user] = server.emulator.issueToken({
        resources: ["myactivity.youtube"],
        user,
      }).accessToken;
    }
    const tokensFile = path.join(dir, "tokens.json");
    await writeFile(tokensFile, JSON.stringify(tokens), { mode: 0o600 });
    const env = {
      ...process.env,
      REDIS_URL: redis.url,
      PIPELINE: "bench",
      API_URL: server.url,
      TOKENS_FILE: tokensFile,
      SINK_DIR: path.join(dir, "sink"),
      WORK_DIR: path.join(dir, "work"),
      ...(load.sliceThresholdBytes === undefined
        ? {}
        : { SLICE_THRESHOLD_BYTES: String(load.sliceThresholdBytes) }),
    };
    const workers = await Promise.all(
      Array.from({ length: workerCount }, async () => {
        const child = spawn(process.execPath, ["--import", "tsx", WORKER], {
          env,
          stdio: ["ignore", "pipe", "inherit"],
        });
        children.unshift(child);
        let rss = 0;
        let cpu = 0;
        await new Promise<void>((resolve, reject) => {
          child.once("exit", (code) => reject(new Error(`worker exited ${code}`)));
          lines(child, (line) => {
            if (line === "ready") resolve();
            const usage = /^rss (\d+) cpu (\d+)$/.exec(line);
            if (usage) {
              rss = Number(usage[1]);
              cpu = Number(usage[2]);
            }
          });
        });
        return { child, rss: () => rss, cpuMs: () => cpu };
      }),
    );

    const events = createExportEvents({ connection: redis.url, name: "bench" });
    const queue = createExportQueue({ connection: redis.url, name: "bench" });
    closers.unshift(() => Promise.all([events.close(), queue.close()]));
    await events.waitUntilReady();
    let done = 0;
    let dead = 0;
    const finished = new Promise<void>((resolve) => {
      const check = () => done + dead === users && resolve();
      events.on("completed", () => {
        done++;
        check();
      });
      events.on("dead", () => {
        dead++;
        check();
      });
    });
    const cpuBefore = process.cpuUsage();
    const started = performance.now();
    for (let i = 0; i < users; i += 50) {
      await Promise.all(
        Array.from({ length: Math.min(50, users - i) }, (_, j) =>
          queue.addExport({ userId: `user-${i + j}`, resources: ["myactivity.youtube"] }),
        ),
      );
    }
    await finished;
    const wallS = (performance.now() - started) / 1000;
    const cpuUsed = process.cpuUsage(cpuBefore);
    if (dead > 0) throw new Error(`${dead} exports ended in the dead letters`);

    const memory = await redisInfo(redis.url);
    const stateReads = server.emulator.jobs().reduce((sum, job) => sum + job.polls, 0);
    await Promise.all(workers.map(({ child }) => stop(child)));
    return {
      wallS,
      bytes: await sizeOf(path.join(dir, "sink")),
      exportsPerS: users / wallS,
      stateReadsPerS: stateReads / wallS,
      // initiate + state reads (checks and the download's URL read) per export.
      apiCallsPerS: (users + stateReads) / wallS,
      redisPeakMiB: info(memory, "used_memory_peak") / MiB,
      redisEndMiB: info(memory, "used_memory") / MiB,
      workerRssMiB: Math.max(...workers.map((w) => w.rss())) / MiB,
      workerCpuS: workers.reduce((sum, w) => sum + w.cpuMs(), 0) / 1000,
      mainCpuS: (cpuUsed.user + cpuUsed.system) / 1e6,
    };
  } finally {
    for (const close of closers) await close().catch(() => {});
    for (const child of children) await stop(child);
    await redis?.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

const results = new Map<number, Measure[]>(workerCounts.map((n) => [n, []]));
for (let run = 0; run < runs; run++) {
  for (const n of workerCounts) {
    const m = await measure(n, { users, archiveBytes: 4096 });
    results.get(n)!.push(m);
    console.log(
      `run ${run + 1}/${runs}, ${n} worker(s): ${users} exports in ${m.wallS.toFixed(1)} s, ` +
        `${m.stateReadsPerS.toFixed(0)} state reads/s, Redis peak ${m.redisPeakMiB.toFixed(1)} MiB, ` +
        `worker RSS ${m.workerRssMiB.toFixed(0)} MiB, CPU workers ${m.workerCpuS.toFixed(1)} s, ` +
        `emulator ${m.mainCpuS.toFixed(1)} s`,
    );
  }
}

const archiveLoad: Load = {
  users: archiveUsers,
  archiveBytes,
  sliceThresholdBytes: archiveBytes / 2,
};
const archiveResults = new Map<number, Measure[]>(archiveWorkerCounts.map((n) => [n, []]));
for (let run = 0; run < runs; run++) {
  for (const n of archiveWorkerCounts) {
    const m = await measure(n, archiveLoad);
    archiveResults.get(n)!.push(m);
    console.log(
      `run ${run + 1}/${runs}, ${n} worker(s): ${archiveUsers} archives (${(m.bytes / MiB).toFixed(0)} MiB) in ` +
        `${m.wallS.toFixed(1)} s, ${(m.bytes / MiB / m.wallS / n).toFixed(0)} MiB/s per worker, ` +
        `${(m.workerCpuS / (m.bytes / 2 ** 30)).toFixed(1)} worker CPU s/GiB, worker RSS ${m.workerRssMiB.toFixed(0)} MiB`,
    );
  }
}
const archiveFigures = archiveWorkerCounts.flatMap((n) => {
  const w = `${n} worker${n > 1 ? "s" : ""}`;
  const pick = (f: (m: Measure) => number) => archiveResults.get(n)!.map(f);
  return [
    {
      key: `a${n}.total`,
      label: `${w}: aggregate download rate`,
      unit: "MiB/s",
      values: pick((m) => m.bytes / MiB / m.wallS),
      better: "higher",
    },
    {
      key: `a${n}.perWorker`,
      label: `${w}: download rate per worker process`,
      unit: "MiB/s",
      values: pick((m) => m.bytes / MiB / m.wallS / n),
      better: "higher",
    },
    {
      key: `a${n}.cpu`,
      label: `${w}: worker CPU per GiB stored (whole pipeline: initiate, checks, download, verify, store)`,
      unit: "s/GiB",
      values: pick((m) => m.workerCpuS / (m.bytes / 2 ** 30)),
      better: "lower",
    },
    {
      key: `a${n}.rss`,
      label: `${w}: peak RSS of the largest worker`,
      unit: "MiB",
      values: pick((m) => m.workerRssMiB),
      better: "lower",
    },
  ];
});

const series = (n: number, pick: (m: Measure) => number) => results.get(n)!.map(pick);
const figures = workerCounts.flatMap((n) => {
  const w = `${n} worker${n > 1 ? "s" : ""}`;
  return [
    {
      key: `w${n}.wall`,
      label: `${w}: time for all exports`,
      unit: "s",
      values: series(n, (m) => m.wallS),
      better: "lower",
    },
    {
      key: `w${n}.exports`,
      label: `${w}: exports completed per second`,
      unit: "/s",
      values: series(n, (m) => m.exportsPerS),
      better: "higher",
    },
    {
      key: `w${n}.reads`,
      label: `${w}: state reads per second`,
      unit: "/s",
      values: series(n, (m) => m.stateReadsPerS),
      better: "higher",
    },
    {
      key: `w${n}.redisPeak`,
      label: `${w}: Redis used_memory_peak`,
      unit: "MiB",
      values: series(n, (m) => m.redisPeakMiB),
      better: "lower",
    },
    {
      key: `w${n}.redisEnd`,
      label: `${w}: Redis used_memory at the end (${users} finished exports kept)`,
      unit: "MiB",
      values: series(n, (m) => m.redisEndMiB),
      better: "lower",
    },
    {
      key: `w${n}.rss`,
      label: `${w}: peak RSS of the largest worker`,
      unit: "MiB",
      values: series(n, (m) => m.workerRssMiB),
      better: "lower",
    },
  ];
});
const speedup = (n: number) => results.get(1)!.map((m, i) => m.wallS / results.get(n)![i]!.wallS);
const document = {
  sections: [
    {
      title: `BullMQ: ${users} users' exports by 1, 2 and 4 workers`,
      method:
        `${users} one-time exports (one resource, 4 KiB archive) queued at once; the emulator over HTTP completes ` +
        "each archive job at its third state read. Worker processes (50 export steps and 8 downloads at a time each) " +
        "run every scheduled wait at once, as on a virtual clock, so the figures are the cost of the pipeline itself: " +
        "initiate, state checks as delayed jobs, download child jobs, storage in a local folder. " +
        `Fresh redis-server and emulator per configuration; ${cpus().length} CPU cores shared by Redis, the emulator and the workers.`,
      figures,
      ratios: [
        { label: "speed-up, 2 workers vs 1 (time ratio)", values: speedup(2) },
        { label: "speed-up, 4 workers vs 1 (time ratio)", values: speedup(4) },
      ],
      notes: [
        "State reads count every getPortabilityArchiveState answered: the scheduled checks plus the download job's read of fresh signed URLs.",
        "Redis memory at the end holds every finished export (kept 14 days by default); `keepCompleted` trims it.",
        "Workers run TypeScript sources under tsx, whose compiler adds to their RSS; CPU time of the workers is their whole life (start, work, shutdown).",
        "On N cores the run cannot take less than (worker CPU + emulator CPU + Redis CPU) / N seconds: where one worker process already keeps a core busy, more workers cannot finish sooner, and each adds its own start-up and polling cost. Worker CPU per export is the figure that carries over to bigger machines.",
      ],
    },
    {
      title: `BullMQ: ${archiveUsers} users' archives through the workers`,
      method:
        `${archiveUsers} one-time exports whose archives are ${archiveBytes / MiB} MiB each, queued at once and completed by 1 and 2 worker processes ` +
        `(8 downloads at a time each, archives from ${archiveBytes / 2 / MiB} MiB on in 4 slices, SHA-256 and CRC32C verified, stored in a local folder). ` +
        "The emulator serves the archives over HTTP from the bench's own process and builds each zip as it serves it, so its CPU competes with the workers'. " +
        `Fresh redis-server and emulator per configuration; ${cpus().length} CPU cores.`,
      figures: archiveFigures,
      ratios: [],
      notes: [
        "Worker CPU is each worker process's whole life (start-up under tsx included) divided by the bytes stored.",
      ],
    },
  ],
};
const out = process.env["BENCH_RESULTS_FILE"];
if (out) await writeFile(out, JSON.stringify(document, null, 2));
else console.log(JSON.stringify(document));
