#!/usr/bin/env node
// Makes sure the system programs that some tests drive are present: Debian's chromium
// (browser end-to-end tests), redis-server (BullMQ tests; not needed when REDIS_URL names a
// running Redis, as CI's service container) and postgresql (the web-server example's tests,
// which stop and restart their own server). Installs them with apt-get when missing and
// running as root; otherwise says what to install and stops.
import { execFileSync, spawnSync } from "node:child_process";

// Debian package -> a shell test that it is installed (postgres is not on PATH).
const needed = {
  chromium: "command -v chromium",
  ...(process.env.REDIS_URL ? {} : { "redis-server": "command -v redis-server" }),
  postgresql: "ls /usr/lib/postgresql/*/bin/postgres",
};
const missing = Object.entries(needed)
  .filter(([, test]) => spawnSync("sh", ["-c", test], { stdio: "ignore" }).status !== 0)
  .map(([name]) => name);

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
