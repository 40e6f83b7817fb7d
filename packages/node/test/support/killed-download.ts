import { spawn } from "node:child_process";
import type { DownloadArchiveOptions } from "../../src/index.js";

/**
 * Runs test/fixtures/download-child.ts until it reports `stopAt` bytes on disk, then kills it
 * with SIGKILL; resolves with the byte count it reported and the signal it died of.
 */
export async function killedDownload(
  folder: string,
  urls: readonly string[],
  stopAt: number,
  options: Pick<DownloadArchiveOptions, "slices" | "slicing" | "sliceThresholdBytes"> = {},
): Promise<{ stoppedAt: number; signal: NodeJS.Signals | null }> {
  const child = spawn(
    process.execPath,
    [
      "--import",
      "tsx",
      "test/fixtures/download-child.ts",
      folder,
      JSON.stringify(urls),
      String(stopAt),
      JSON.stringify(options),
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  const line = await new Promise<string>((resolve, reject) => {
    let out = "";
    child.stdout.on("data", (chunk: Buffer) => {
      out += chunk.toString();
      if (out.includes("\n")) resolve(out.trim());
    });
    child.once("exit", (code) => reject(new Error(`child exited early (${code}): ${out}`)));
  });
  const match = /^stopped (\d+)$/.exec(line);
  if (!match) throw new Error(`unexpected child output: ${line}`);
  const exited = new Promise<NodeJS.Signals | null>((resolve) =>
    child.once("exit", (_code, signal) => resolve(signal)),
  );
  child.kill("SIGKILL");
  return { stoppedAt: Number(match[1]), signal: await exited };
}
