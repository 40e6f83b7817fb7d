// Typed use of @dataportability/msw in an app's tests (type-checked, not run).
import { createEmulator, type FaultSpec, VirtualClock } from "@dataportability/msw";
import { createEmulatorServer, type EmulatorServer } from "@dataportability/msw/node";

const faults: FaultSpec[] = [{ name: "rate-limit", retryAfterSeconds: 2, times: 1 }];

export function emulatorFor(start: Date) {
  const clock = new VirtualClock(start);
  const emulator = createEmulator({ clock, completeAfterPolls: 1, faults });
  const token = emulator.issueToken({ resources: ["myactivity.youtube"] });
  return { emulator, token: token.accessToken, handlers: emulator.handlers };
}

export async function serve(): Promise<EmulatorServer> {
  return createEmulatorServer({ port: 0, archiveBytes: 1024 * 1024 });
}
