import { PortabilityApiError } from "@dataportability/core";
import { act, renderHook, waitFor } from "@testing-library/react";
import { describe, expect, it } from "vitest";
import {
  dataPortabilityKeys,
  useAccessType,
  useArchiveState,
  useCancelArchive,
  useDataPortabilityClient,
  useInitiateArchive,
  useResetAuthorization,
  useRetryArchive,
} from "../src/index.js";
import { createHarness, STATE_OPERATION } from "./support/harness.js";

describe("mutations and useAccessType", () => {
  it("useAccessType lists what the token may export", async () => {
    const h = createHarness({ accessType: "TIME_BASED" });
    const { result } = renderHook(() => useAccessType(), { wrapper: h.wrapper });
    await waitFor(() => expect(result.current.data).toBeDefined());
    expect(result.current.data?.timeBasedResources.sort()).toEqual([
      "myactivity.youtube",
      "youtube.comments",
    ]);
    expect(result.current.data?.oneTimeResources).toEqual([]);
  });

  it("useInitiateArchive starts a job and runs the caller's onSuccess", async () => {
    const h = createHarness();
    const seen: string[] = [];
    const { result } = renderHook(
      () => useInitiateArchive({ onSuccess: ({ archiveJobId }) => void seen.push(archiveJobId) }),
      { wrapper: h.wrapper },
    );
    act(() => result.current.mutate({ resources: ["youtube.comments"] }));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(seen).toEqual([result.current.data?.archiveJobId]);
    expect(h.emulator.job(seen[0]!)?.resources).toEqual(["youtube.comments"]);
  });

  it("useCancelArchive refreshes the job's state, so its poller sees CANCELLED at once", async () => {
    const h = createHarness();
    const { archiveJobId } = await h.client.initiateArchive({ resources: ["myactivity.youtube"] });
    const { result } = renderHook(
      () => ({ state: useArchiveState(archiveJobId), cancel: useCancelArchive() }),
      { wrapper: h.wrapper },
    );
    await waitFor(() => expect(result.current.state.data?.state).toBe("IN_PROGRESS"));
    act(() => result.current.cancel.mutate(archiveJobId));
    await waitFor(() => expect(result.current.state.data?.state).toBe("CANCELLED"));
    expect(h.count(STATE_OPERATION)).toBe(2);
    expect(h.timers.intervals).toEqual([]);
  });

  it("useRetryArchive returns the new job of a failed one", async () => {
    const h = createHarness();
    const { archiveJobId } = await h.client.initiateArchive({ resources: ["myactivity.youtube"] });
    h.emulator.failJob(archiveJobId);
    const { result } = renderHook(() => useRetryArchive(), { wrapper: h.wrapper });
    act(() => result.current.mutate(archiveJobId));
    await waitFor(() => expect(result.current.isSuccess).toBe(true));
    expect(result.current.data?.archiveJobId).not.toBe(archiveJobId);
    expect(h.emulator.job(result.current.data!.archiveJobId)?.retryOf).toBe(archiveJobId);
  });

  it("useRetryArchive on a running job fails with a typed API error", async () => {
    const h = createHarness();
    const { archiveJobId } = await h.client.initiateArchive({ resources: ["myactivity.youtube"] });
    const { result } = renderHook(() => useRetryArchive(), { wrapper: h.wrapper });
    act(() => result.current.mutate(archiveJobId));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error).toBeInstanceOf(PortabilityApiError);
  });

  it("useResetAuthorization revokes the token and drops the cached access type", async () => {
    const h = createHarness();
    const { result } = renderHook(
      () => ({ access: useAccessType(), reset: useResetAuthorization() }),
      { wrapper: h.wrapper },
    );
    await waitFor(() => expect(result.current.access.data).toBeDefined());
    act(() => result.current.reset.mutate());
    await waitFor(() => expect(result.current.reset.isSuccess).toBe(true));
    expect(h.queryClient.getQueryData(dataPortabilityKeys.accessType())).toBeUndefined();
    expect(result.current.access.data).toBeUndefined();

    await waitFor(() => expect(result.current.access.error).toBeInstanceOf(PortabilityApiError));
    expect((result.current.access.error as PortabilityApiError).httpStatus).toBe(401);
  });
});

describe("DataPortabilityProvider", () => {
  it("gives its client to the hooks", () => {
    const h = createHarness();
    const { result } = renderHook(() => useDataPortabilityClient(), { wrapper: h.wrapper });
    expect(result.current).toBe(h.client);
  });

  it("says what is missing when a hook runs outside of it", () => {
    expect(() => renderHook(() => useArchiveState("job"))).toThrow(
      /useArchiveState must be used inside a <DataPortabilityProvider/,
    );
  });
});
