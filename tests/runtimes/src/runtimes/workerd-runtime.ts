import { spawn } from "node:child_process";
import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
import type { Readable } from "node:stream";
import type { FlowReport } from "../flow-report.js";
import { requireHere } from "./package-dir.js";
import type { RuntimeUnderTest } from "./runtime-under-test.js";

/** What the `workerd` npm package exports: its binary and the compatibility date it supports. */
const workerd = requireHere("workerd") as {
  default: string;
  version: string;
  compatibilityDate: string;
};

/**
 * A workerd config that serves the flow's worker on a free loopback port. Outbound fetches go
 * through a network service that allows local addresses: workerd's default refuses them, and
 * the emulator listens on 127.0.0.1.
 */
function workerdConfig(workerFile: string): string {
  return `using Workerd = import "/workerd/workerd.capnp";

const config :Workerd.Config = (
  services = [
    (name = "main", worker = .flowWorker),
    (name = "loopback", network = (allow = ["local"])),
  ],
  sockets = [(name = "http", address = "127.0.0.1:0", http = (), service = "main")],
);

const flowWorker :Workerd.Worker = (
  modules = [(name = "worker", esModule = embed "${basename(workerFile)}")],
  compatibilityDate = "${workerd.compatibilityDate}",
  globalOutbound = "loopback",
);
`;
}

/** The port workerd reports on its control descriptor once its socket listens. */
async function listeningPort(control: Readable): Promise<number> {
  let text = "";
  for await (const chunk of control) {
    text += String(chunk);
    for (const line of text.split("\n")) {
      if (!line.trim()) continue;
      const message = JSON.parse(line) as { event?: string; port?: number };
      if (message.event === "listen" && message.port) return message.port;
    }
  }
  throw new Error("workerd exited before listening");
}

/** Serves the worker with workerd, asks it to run the flow, and stops it. */
async function runInWorkerd(workerFile: string, emulatorUrl: string): Promise<FlowReport> {
  // Beside the worker: `embed` paths are relative to the config file.
  const config = join(dirname(workerFile), "workerd.capnp");
  await writeFile(config, workerdConfig(workerFile));
  const child = spawn(workerd.default, ["serve", config, "--control-fd=3"], {
    stdio: ["ignore", "ignore", "pipe", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += String(chunk);
  });
  const exited = once(child, "exit");
  try {
    const port = await Promise.race([
      listeningPort(child.stdio[3] as Readable),
      exited.then(([code]) => {
        throw new Error(`workerd exited with ${code}: ${stderr}`);
      }),
    ]);
    const response = await fetch(
      `http://127.0.0.1:${port}/?emulator=${encodeURIComponent(emulatorUrl)}`,
    );
    const body = await response.text();
    if (!response.ok) throw new Error(`the worker answered ${response.status}: ${body}\n${stderr}`);
    return JSON.parse(body) as FlowReport;
  } finally {
    if (child.exitCode === null) {
      child.kill();
      await exited;
    }
  }
}

/** Cloudflare's workerd (the `workerd` npm package's binary), serving the flow as a Worker. */
export const workerdRuntime: RuntimeUnderTest = {
  name: "Cloudflare workerd",
  how: "`workerd serve`, the flow bundled by esbuild into one ES module Worker",
  userAgent: /^Cloudflare-Workers$/,
  run: async (bundles, url) => ({
    report: await runInWorkerd(bundles.worker, url),
    version: `${workerd.version} (compatibility date ${workerd.compatibilityDate})`,
  }),
};
