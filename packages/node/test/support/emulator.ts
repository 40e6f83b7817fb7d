import { createPortabilityClient, type PortabilityClient } from "@dataportability/core";
import { VirtualClock } from "@dataportability/msw";
import { createEmulatorServer, type EmulatorServerOptions } from "@dataportability/msw/node";

export interface TestEmulator {
  server: Awaited<ReturnType<typeof createEmulatorServer>>;
  virtual: VirtualClock;
  /** A core clock over the virtual one whose sleeps advance it: waits are instant. */
  clock: { now(): number; sleep(ms: number): Promise<void> };
  client: PortabilityClient;
  accessToken: string;
  /** Starts a job and reads its COMPLETE state. */
  completedJob(): Promise<Awaited<ReturnType<PortabilityClient["getArchiveState"]>>>;
  close(): Promise<void>;
}

/** The emulator over real HTTP on 127.0.0.1, a token, and a client with virtual time. */
export async function startEmulator(options: EmulatorServerOptions = {}): Promise<TestEmulator> {
  // Virtual time starts at real time, so a process that can only use the system clock (the
  // crash test's child) agrees with the emulator about URL expiry.
  const virtual = new VirtualClock(new Date());
  const server = await createEmulatorServer({
    clock: virtual,
    completeAfterPolls: 0,
    archiveBytes: 256 * 1024,
    ...options,
  });
  const { accessToken } = server.emulator.issueToken({
    resources: ["myactivity.youtube"],
    expiresInMs: 30 * 86_400_000,
  });
  const clock = {
    now: () => virtual.nowMs(),
    sleep: async (ms: number) => {
      virtual.advance(ms);
    },
  };
  const client = createPortabilityClient({ auth: accessToken, baseUrl: server.url, clock });
  return {
    server,
    virtual,
    clock,
    client,
    accessToken,
    async completedJob() {
      const { archiveJobId } = await client.initiateArchive({ resources: ["myactivity.youtube"] });
      const state = await client.getArchiveState(archiveJobId);
      if (state.state !== "COMPLETE") throw new Error(`job is ${state.state}`);
      return state;
    },
    close: () => server.close(),
  };
}
