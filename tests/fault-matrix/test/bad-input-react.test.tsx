// @vitest-environment jsdom
import { createPortabilityClient, InvalidArgumentError } from "@dataportability/core";
import { createEmulator } from "@dataportability/msw";
import {
  DataPortabilityProvider,
  useArchiveState,
  useCancelArchive,
  useExportArchive,
  useInitiateArchive,
  useRetryArchive,
} from "@dataportability/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { act, renderHook, waitFor } from "@testing-library/react";
import { setupServer } from "msw/node";
import type { ReactNode } from "react";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { record } from "../src/scenario-meta.js";

const server = setupServer();
let requests = 0;
server.events.on("request:start", () => {
  requests++;
});
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

function setup() {
  const emulator = createEmulator();
  server.resetHandlers(...emulator.handlers);
  const { accessToken } = emulator.issueToken({ resources: ["myactivity.youtube"] });
  const client = createPortabilityClient({ auth: accessToken, retry: false });
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <DataPortabilityProvider client={client}>{children}</DataPortabilityProvider>
    </QueryClientProvider>
  );
  return { wrapper };
}

/** Each row renders a hook with bad input and returns the error it ends up showing. */
const ROWS: {
  hook: string;
  input: string;
  run: (wrapper: ReturnType<typeof setup>["wrapper"]) => Promise<unknown>;
  field: string;
}[] = [
  {
    hook: "useArchiveState",
    input: "job ID with '..'",
    field: "jobId",
    run: async (wrapper) => {
      const { result } = renderHook(() => useArchiveState("../../authorization:reset"), {
        wrapper,
      });
      await waitFor(() => expect(result.current.error).toBeTruthy());
      return result.current.error;
    },
  },
  {
    hook: "useExportArchive",
    input: "misspelt resource, then start()",
    field: "resources[0]",
    run: async (wrapper) => {
      const { result } = renderHook(() => useExportArchive(["myactivity.youtub" as never]), {
        wrapper,
      });
      act(() => result.current.start());
      await waitFor(() => expect(result.current.phase).toBe("error"));
      return result.current.phase === "error" ? result.current.error : undefined;
    },
  },
  {
    hook: "useExportArchive",
    input: "resumed job ID with a slash",
    field: "jobId",
    run: async (wrapper) => {
      const { result } = renderHook(
        () => useExportArchive(["myactivity.youtube"], { jobId: "a/b" }),
        { wrapper },
      );
      await waitFor(() => expect(result.current.phase).toBe("error"));
      return result.current.phase === "error" ? result.current.error : undefined;
    },
  },
  {
    hook: "useInitiateArchive",
    input: "startTime after endTime",
    field: "startTime",
    run: async (wrapper) => {
      const { result } = renderHook(() => useInitiateArchive(), { wrapper });
      act(() =>
        result.current.mutate({
          resources: ["myactivity.youtube"],
          startTime: "2026-02-01T00:00:00Z",
          endTime: "2026-01-01T00:00:00Z",
        }),
      );
      await waitFor(() => expect(result.current.error).toBeTruthy());
      return result.current.error;
    },
  },
  {
    hook: "useCancelArchive",
    input: "job ID with a query",
    field: "jobId",
    run: async (wrapper) => {
      const { result } = renderHook(() => useCancelArchive(), { wrapper });
      act(() => result.current.mutate("abc?x=1"));
      await waitFor(() => expect(result.current.error).toBeTruthy());
      return result.current.error;
    },
  },
  {
    hook: "useRetryArchive",
    input: "encoded slash in the job ID",
    field: "jobId",
    run: async (wrapper) => {
      const { result } = renderHook(() => useRetryArchive(), { wrapper });
      act(() => result.current.mutate("abc%2F..%2Freset"));
      await waitFor(() => expect(result.current.error).toBeTruthy());
      return result.current.error;
    },
  },
];

describe("@dataportability/react", () => {
  for (const row of ROWS) {
    it(`${row.hook}: ${row.input}`, async ({ task }) => {
      const { wrapper } = setup();
      const before = requests;
      const error = await row.run(wrapper);
      const sent = requests - before;
      record(task.meta, { kind: "bad-input", bytesLost: 0, bytesVerified: 0, requestsSent: sent });
      expect(error).toBeInstanceOf(InvalidArgumentError);
      expect(error).toHaveProperty("field", row.field);
      expect(sent, "requests sent for input that was ours").toBe(0);
    });
  }
});
