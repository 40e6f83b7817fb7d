import type { Figure } from "../harness/figure.js";
import { runMeasuredChild } from "../harness/measured-child.js";
import { startServerChild } from "../harness/server-child.js";
import type { Suite } from "../harness/suite.js";

const MiB = 2 ** 20;

interface EmulatorInfo {
  url: string;
  accessToken: string;
}

/**
 * Emulator memory: peak RSS of the emulator server (`@dataportability/msw/node`) serving one
 * archive of 64 MiB, 256 MiB, 1 GiB and 2 GiB, each from a fresh process, to curl writing to
 * /dev/null. Flat means the archive is streamed, never held.
 *
 * @example
 * const sections = await emulatorMemorySuite.run(context);
 */
export const emulatorMemorySuite: Suite = {
  id: "emulator-memory",
  title: "Emulator memory",
  async run(context) {
    const { createPortabilityClient } = await import("@dataportability/core");
    const sizes = context.quick ? [16, 64] : [64, 256, 1024, 2048];
    const idle: number[] = [];
    const peak: number[] = [];
    for (const mib of sizes) {
      const server = await startServerChild<EmulatorInfo>("emulator-server.mjs", {
        completeAfterPolls: 0,
        archiveBytes: mib * MiB,
        archivesPerJob: 1,
      });
      try {
        idle.push((await server.peakRss()) / MiB);
        const client = createPortabilityClient({
          auth: server.info.accessToken,
          baseUrl: server.info.url,
        });
        const { archiveJobId } = await client.initiateArchive({
          resources: ["myactivity.youtube"],
        });
        const { urls } = await client.getArchiveState(archiveJobId);
        for (let i = 0; i < 2; i++) {
          const result = await runMeasuredChild("/usr/bin/curl", [
            "--silent",
            "--fail",
            "--output",
            "/dev/null",
            "--write-out",
            "%{size_download}",
            urls[0]!,
          ]);
          if (result.code !== 0 || Number(result.stdout) < mib * MiB * 0.99) {
            throw new Error(`curl got ${result.stdout} bytes (exit ${result.code})`);
          }
        }
        peak.push((await server.peakRss()) / MiB);
        context.log(
          `${mib} MiB archive served twice: server peak RSS ${peak.at(-1)!.toFixed(0)} MiB`,
        );
      } finally {
        await server.stop();
      }
    }
    const label = (mib: number) => (mib >= 1024 ? `${mib / 1024} GiB` : `${mib} MiB`);
    const figures: Figure[] = sizes.map((mib, i) => ({
      key: `peak-${mib}`,
      label: `${label(mib)} archive, served twice`,
      unit: "MiB",
      values: [peak[i]!],
    }));
    figures.unshift({
      key: "idle",
      label: "baseline: the server before serving (every size)",
      unit: "MiB",
      values: idle,
    });
    const first = peak[0]!;
    const last = peak.at(-1)!;
    return [
      {
        title: "Emulator memory while serving archives",
        method:
          "A fresh emulator server process (`createEmulatorServer`, plain JavaScript on the built package) per archive size; curl downloads the archive twice to /dev/null; the figure is the server's peak resident set (VmHWM). One run per size: the growth across sizes is the point.",
        figures,
        ratios: [],
        notes: [
          `Peak RSS for ${label(sizes.at(-1)!)} ÷ for ${label(sizes[0]!)}: ${(last / first).toFixed(2)} for a ${sizes.at(-1)! / sizes[0]!}× larger archive; ${label(sizes.at(-1)!)} costs ${(last - idle.at(-1)!).toFixed(0)} MiB over the idle server.`,
        ],
      },
    ];
  },
};
