// Typed use of @dataportability/cli as a library (type-checked, not run).
import { EXIT_CODES, run } from "@dataportability/cli";

export async function exportFromScript(): Promise<boolean> {
  const code = await run(["export", "--resource", "myactivity.youtube", "--json"], {
    stdout: process.stdout,
    stderr: process.stderr,
    env: process.env,
    signal: AbortSignal.timeout(3_600_000),
  });
  return code === EXIT_CODES.ok;
}
