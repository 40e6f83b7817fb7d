// @vitest-environment node
import {
  dehydrate,
  HydrationBoundary,
  QueryClient,
  QueryClientProvider,
} from "@tanstack/react-query";
import { renderToString } from "react-dom/server";
import { describe, expect, it } from "vitest";
import {
  archiveStateQueryOptions,
  DataPortabilityProvider,
  useAccessType,
  useArchiveState,
  useExportArchive,
} from "../src/index.js";
import { createHarness } from "./support/harness.js";

function Page({ jobId }: { jobId: string | undefined }) {
  const exp = useExportArchive(["myactivity.youtube"]);
  const state = useArchiveState(jobId);
  const access = useAccessType({ enabled: false });
  return <p>{`phase=${exp.phase} state=${state.data?.state ?? "none"} access=${access.status}`}</p>;
}

describe("server rendering", () => {
  it("renders every hook without a window and without starting work", () => {
    expect(typeof window).toBe("undefined");
    const h = createHarness();
    const html = renderToString(
      <QueryClientProvider client={new QueryClient()}>
        <DataPortabilityProvider client={h.client}>
          <Page jobId={undefined} />
        </DataPortabilityProvider>
      </QueryClientProvider>,
    );
    expect(html).toBe("<p>phase=idle state=none access=pending</p>");
    expect(h.emulator.requests).toHaveLength(0);
  });

  it("renders a state prefetched with archiveStateQueryOptions and dehydrated", async () => {
    const h = createHarness();
    const { archiveJobId } = await h.client.initiateArchive({ resources: ["myactivity.youtube"] });
    const serverClient = new QueryClient();
    await serverClient.prefetchQuery(archiveStateQueryOptions(h.client, archiveJobId));
    const dehydrated = JSON.parse(JSON.stringify(dehydrate(serverClient)));

    const html = renderToString(
      <QueryClientProvider client={new QueryClient()}>
        <DataPortabilityProvider client={h.client}>
          <HydrationBoundary state={dehydrated}>
            <Page jobId={archiveJobId} />
          </HydrationBoundary>
        </DataPortabilityProvider>
      </QueryClientProvider>,
    );
    expect(html).toBe("<p>phase=idle state=IN_PROGRESS access=pending</p>");
    expect(h.emulator.requests.map((r) => r.operation)).toEqual([
      "dataportability.portabilityArchive.initiate",
      "dataportability.archiveJobs.getPortabilityArchiveState",
    ]);
  });
});
