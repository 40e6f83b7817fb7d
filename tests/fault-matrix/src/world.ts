import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  type Clock,
  createPortabilityClient,
  type PortabilityClient,
  type Resource,
} from "@dataportability/core";
import { createRefreshingTokenProvider } from "@dataportability/core/oauth";
import { type FaultSpec, type IssuedToken, VirtualClock } from "@dataportability/msw";
import {
  createEmulatorServer,
  type EmulatorServer,
  type EmulatorServerOptions,
} from "@dataportability/msw/node";

/** The resources every flow exports. */
export const RESOURCES: Resource[] = ["myactivity.youtube"];

/** How long a job takes on the virtual clock: long enough for several polls. */
export const JOB_MS = 30 * 60_000;

/** Options of {@link createWorld}. */
export interface WorldOptions {
  faults?: readonly FaultSpec[];
  /** Server-side lifetime of the first access token (the client is told it lasts a day). */
  accessTokenTtlMs?: number;
  emulator?: Omit<EmulatorServerOptions, "clock" | "sleep" | "faults">;
}

/** One scenario's universe: an emulator over HTTP on 127.0.0.1, a virtual clock, a client. */
export interface World {
  server: EmulatorServer;
  clock: VirtualClock;
  /** The virtual clock as core sees it: sleeping moves time at once. */
  coreClock: Clock;
  token: IssuedToken;
  client: PortabilityClient;
  /** A second client built from the same stored tokens, as another process would. */
  freshClient(): PortabilityClient;
  /** Where archives are downloaded. */
  folder: string;
  close(): Promise<void>;
}

/**
 * Starts an emulator server whose clock, latency and the client's waits are all virtual, so
 * hours of polling, retries with backoff and URL expiry take milliseconds.
 *
 * @example
 * const world = await createWorld({ faults: [{ name: "rate-limit", times: 2 }] });
 * await world.close();
 */
export async function createWorld(options: WorldOptions = {}): Promise<World> {
  const clock = new VirtualClock(new Date("2026-02-02T09:00:00Z"));
  const coreClock: Clock = {
    now: () => clock.nowMs(),
    sleep: async (ms, signal) => {
      signal?.throwIfAborted();
      clock.advance(Math.max(0, ms));
    },
  };
  const server = await createEmulatorServer({
    seed: 7,
    completeAfterMs: JOB_MS,
    archiveBytes: 96 * 1024,
    archivesPerJob: 2,
    requestLogLimit: 100_000,
    ...options.emulator,
    clock,
    sleep: (ms) => coreClock.sleep(ms),
    faults: options.faults ?? [],
  });
  const token = server.emulator.issueToken({
    resources: RESOURCES,
    ...(options.accessTokenTtlMs !== undefined ? { expiresInMs: options.accessTokenTtlMs } : {}),
  });
  const folder = await mkdtemp(join(tmpdir(), "dp-fault-matrix-"));
  const makeClient = () =>
    createPortabilityClient({
      baseUrl: server.url,
      clock: coreClock,
      auth: createRefreshingTokenProvider({
        clientId: "emulator-client",
        endpoints: { token: server.tokenUrl, revocation: server.revokeUrl },
        allowInsecureRequests: true,
        clock: coreClock,
        tokens: {
          accessToken: token.accessToken,
          refreshToken: token.refreshToken,
          // What the client believes; the server may end the token sooner.
          expiresAt: new Date(clock.nowMs() + 24 * 3_600_000),
        },
      }),
    });
  return {
    server,
    clock,
    coreClock,
    token,
    client: makeClient(),
    freshClient: makeClient,
    folder,
    async close() {
      await server.close();
      await rm(folder, { recursive: true, force: true });
    },
  };
}
