// Loaded into the example server by the web-server bench (`--import`, with `--expose-gc`):
// answers each IPC message with the process's memory as it is, and, when the message asks for
// it, again after a full garbage collection (the live heap).

/** What the bench asks the probe. */
export interface MemoryProbeRequest {
  gc: boolean;
}

/** What the probe answers. */
export interface MemoryProbeAnswer {
  now: NodeJS.MemoryUsage;
  afterGc: NodeJS.MemoryUsage | undefined;
}

const collect = (globalThis as { gc?: () => void }).gc;

process.on("message", (request: MemoryProbeRequest) => {
  const now = process.memoryUsage();
  let afterGc: NodeJS.MemoryUsage | undefined;
  if (request.gc && collect) {
    collect();
    afterGc = process.memoryUsage();
  }
  const answer: MemoryProbeAnswer = { now, afterGc };
  process.send?.(answer);
});
// The probe does not keep the server alive.
process.channel?.unref();
