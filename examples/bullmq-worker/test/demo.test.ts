import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { expect, it } from "vitest";

const root = fileURLToPath(new URL("..", import.meta.url));

it("the demo exports every emulated user's data through worker processes and verifies the bytes", async () => {
  const child = spawn(process.execPath, ["--import", "tsx", "src/demo.ts"], {
    cwd: root,
    env: { ...process.env, DEMO_USERS: "6", DEMO_WORKERS: "2" },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  child.stderr.on("data", (chunk: Buffer) => {
    output += chunk.toString();
  });
  const code = await new Promise<number | null>((resolve) => child.once("exit", resolve));
  expect(output).toMatch(
    /6 exports stored \(6\/6 files verified\), 6 authorizations reset, 0 dead/,
  );
  expect(output).toMatch(/\[worker 1\] worker \d+ ready/);
  expect(output).toMatch(/\[worker 2\] worker \d+ ready/);
  expect(code).toBe(0);
});
