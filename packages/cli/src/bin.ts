#!/usr/bin/env node
import { run } from "./program/run.js";

// First Ctrl-C: stop cleanly (state saved, exit 130). Second: leave at once.
const controller = new AbortController();
let interrupts = 0;
process.on("SIGINT", () => {
  interrupts++;
  if (interrupts > 1) process.exit(130);
  controller.abort(new DOMException("Interrupted", "AbortError"));
});
// A closed pipe (`dataportability resources | head`) ends the output, not with a crash.
for (const stream of [process.stdout, process.stderr]) {
  stream.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
}
process.on("SIGTERM", () => controller.abort(new DOMException("Terminated", "AbortError")));

const code = await run(process.argv.slice(2), {
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  signal: controller.signal,
});
process.exitCode = code;
// Servers and sockets are closed by now; leave even if a stray handle lingers.
setTimeout(() => process.exit(code), 1000).unref();
