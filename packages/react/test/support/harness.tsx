import type { PortabilityClient, PortabilityClientOptions, Resource } from "@dataportability/core";
import { createPortabilityClient } from "@dataportability/core";
import {
  createEmulator,
  type Emulator,
  type EmulatorOptions,
  VirtualClock,
} from "@dataportability/msw";
import { QueryClient, QueryClientProvider, timeoutManager } from "@tanstack/react-query";
import { cleanup, configure } from "@testing-library/react";
import { setupServer } from "msw/node";
import { type ReactNode, StrictMode } from "react";
import { afterAll, afterEach, beforeAll } from "vitest";
import { DataPortabilityProvider } from "../../src/index.js";
import { VirtualTimers } from "./virtual-timers.js";

export const STATE_OPERATION = "dataportability.archiveJobs.getPortabilityArchiveState";
export const INITIATE_OPERATION = "dataportability.portabilityArchive.initiate";

const server = setupServer();
// waitFor polls the DOM; on a busy CI machine an answer can take longer than the 1 s default.
configure({ asyncUtilTimeout: 5_000 });
let timers: VirtualTimers | undefined;

// TanStack Query's timers run on the current test's virtual clock.
timeoutManager.setTimeoutProvider<number>({
  setTimeout: (callback, delay) => current().setTimeout(callback, delay),
  clearTimeout: (id) => current().clearTimeout(id),
  setInterval: (callback, delay) => current().setInterval(callback, delay),
  clearInterval: (id) => current().clearInterval(id),
});
const current = () => {
  if (!timers) throw new Error("createHarness() was not called in this test");
  return timers;
};

beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => {
  // Unmounts what the test rendered (Testing Library cleans up by itself only with globals).
  cleanup();
  server.resetHandlers();
  timers = undefined;
});
afterAll(() => server.close());

export interface Harness {
  emulator: Emulator;
  clock: VirtualClock;
  timers: VirtualTimers;
  client: PortabilityClient;
  queryClient: QueryClient;
  accessToken: string;
  wrapper: (props: { children: ReactNode }) => ReactNode;
  /** Requests the emulator answered for one operation. */
  count(operation: string): number;
}

/**
 * One emulator (on a VirtualClock) behind MSW, a client holding a token for `resources`,
 * a QueryClient, and a wrapper with both providers.
 */
export function createHarness(
  options: {
    resources?: Resource[];
    accessType?: "ONE_TIME" | "TIME_BASED";
    strict?: boolean;
    emulator?: EmulatorOptions;
    client?: Partial<PortabilityClientOptions>;
  } = {},
): Harness {
  const clock = new VirtualClock(new Date("2026-01-01T00:00:00Z"));
  const emulator = createEmulator({ clock, sleep: (ms) => clock.sleep(ms), ...options.emulator });
  server.use(...emulator.handlers);
  const token = emulator.issueToken({
    resources: options.resources ?? ["myactivity.youtube", "youtube.comments"],
    accessType: options.accessType ?? "ONE_TIME",
  });
  const client = createPortabilityClient({
    auth: token.accessToken,
    clock: { now: () => clock.nowMs(), sleep: (ms) => clock.sleep(ms) },
    ...options.client,
  });
  const queryClient = new QueryClient();
  timers = new VirtualTimers(
    clock,
    () => queryClient.isFetching() + queryClient.isMutating() === 0,
  );
  const tree = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      {/* No jitter: each wait is exactly the schedule's. */}
      <DataPortabilityProvider client={client} polling={{ random: () => 0.5 }}>
        {children}
      </DataPortabilityProvider>
    </QueryClientProvider>
  );
  return {
    emulator,
    clock,
    timers,
    client,
    queryClient,
    accessToken: token.accessToken,
    wrapper: options.strict
      ? ({ children }) => <StrictMode>{tree({ children })}</StrictMode>
      : tree,
    count: (operation) => emulator.requests.filter((r) => r.operation === operation).length,
  };
}
