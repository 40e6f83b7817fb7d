#!/usr/bin/env node
// Makes sure the system programs that some tests drive are present: Debian's chromium
// (browser end-to-end tests) and redis-server (BullMQ tests; not needed when REDIS_URL names
// a running Redis, as CI's service container). Installs them with apt-get when missing and
// running as root; otherwise says what to install and stops.
import { execFileSync, spawnSync } from "node:child_process";

const needed = ["chromium", ...(process.env.REDIS_URL ? [] : ["redis-server"])];
const missing = needed.filter((name) => spawnSync("sh", ["-c", `command -v ${name}`]).status !== 0);

if (missing.length > 0) {
  const canApt =
    process.getuid?.() === 0 && spawnSync("sh", ["-c", "command -v apt-get"]).status === 0;
  if (!canApt) {
    console.error(
      `error: the tests need ${missing.join(" and ")}; install them (Debian: sudo apt-get install -y ${missing.join(" ")}) and run again`,
    );
    process.exit(1);
  }
  console.log(`installing ${missing.join(", ")} with apt-get…`);
  const env = { ...process.env, DEBIAN_FRONTEND: "noninteractive" };
  execFileSync("apt-get", ["update", "-qq"], { stdio: "inherit", env });
  execFileSync("apt-get", ["install", "-y", "-qq", "--no-install-recommends", ...missing], {
    stdio: "inherit",
    env,
  });
}
