import type {
  AccessTypes,
  ArchiveState,
  InitiateArchiveInput,
  InitiateArchiveResult,
  PortabilityClient,
} from "@dataportability/core";
import { QueryClient, type UseMutationResult, type UseQueryResult } from "@tanstack/react-query";
import { describe, expectTypeOf, test } from "vitest";
import {
  type ArchiveStateQueryKey,
  accessTypeQueryOptions,
  archiveStateQueryOptions,
  dataPortabilityKeys,
  type ExportArchivePhase,
  type PortabilityHookError,
  type UseExportArchiveResult,
  useAccessType,
  useArchiveState,
  useCancelArchive,
  useExportArchive,
  useInitiateArchive,
  useResetAuthorization,
  useRetryArchive,
} from "../src/index.js";

declare const client: PortabilityClient;

describe("query keys and options", () => {
  test("keys are readonly tuples under one prefix", () => {
    expectTypeOf(dataPortabilityKeys.archiveState("job")).toEqualTypeOf<
      readonly ["dataportability", "archiveState", string]
    >();
    expectTypeOf(dataPortabilityKeys.archiveState("job")).toEqualTypeOf<ArchiveStateQueryKey>();
    expectTypeOf(dataPortabilityKeys.all).toEqualTypeOf<readonly ["dataportability"]>();
  });

  test("the keys of the options factories carry the data type into the cache", () => {
    const queryClient = new QueryClient();
    const { queryKey } = archiveStateQueryOptions(client, "job");
    expectTypeOf(queryClient.getQueryData(queryKey)).toEqualTypeOf<ArchiveState | undefined>();
    expectTypeOf(queryClient.getQueryData(accessTypeQueryOptions(client).queryKey)).toEqualTypeOf<
      AccessTypes | undefined
    >();
  });
});

describe("hooks", () => {
  test("queries are typed with core's data and the hook error union", () => {
    expectTypeOf(() => useArchiveState("job")).returns.toEqualTypeOf<
      UseQueryResult<ArchiveState, PortabilityHookError>
    >();
    expectTypeOf(() => useAccessType()).returns.toEqualTypeOf<
      UseQueryResult<AccessTypes, PortabilityHookError>
    >();
  });

  test("select changes the data type", () => {
    const urls = () => useArchiveState("job", { select: (state) => state.urls });
    expectTypeOf(urls).returns.toEqualTypeOf<UseQueryResult<string[], PortabilityHookError>>();
  });

  test("the job ID may be missing while unknown, never a number", () => {
    expectTypeOf(useArchiveState).parameter(0).toEqualTypeOf<string | null | undefined>();
    // @ts-expect-error a job ID is a string
    useArchiveState(42);
  });

  test("mutations take core's inputs and job IDs", () => {
    expectTypeOf(useInitiateArchive).returns.toEqualTypeOf<
      UseMutationResult<InitiateArchiveResult, PortabilityHookError, InitiateArchiveInput, unknown>
    >();
    expectTypeOf(useCancelArchive).returns.toEqualTypeOf<
      UseMutationResult<void, PortabilityHookError, string, unknown>
    >();
    expectTypeOf(useRetryArchive).returns.toEqualTypeOf<
      UseMutationResult<{ archiveJobId: string }, PortabilityHookError, string, unknown>
    >();
    expectTypeOf(useResetAuthorization).returns.toEqualTypeOf<
      UseMutationResult<void, PortabilityHookError, void, unknown>
    >();
  });

  test("initiate rejects unknown resource names at compile time", () => {
    const initiate = () => useInitiateArchive();
    type Mutate = ReturnType<typeof initiate>["mutate"];
    expectTypeOf<Mutate>().toBeCallableWith({ resources: ["myactivity.youtube"] });
    // @ts-expect-error "youtube" is not a resource group
    expectTypeOf<Mutate>().toBeCallableWith({ resources: ["youtube"] });
  });
});

describe("useExportArchive", () => {
  test("narrowing on phase gives each phase its fields", () => {
    const exp = {} as UseExportArchiveResult;
    expectTypeOf(exp.phase).toEqualTypeOf<ExportArchivePhase>();
    expectTypeOf(exp.start).toEqualTypeOf<() => void>();
    if (exp.phase === "complete") {
      expectTypeOf(exp.urls).toEqualTypeOf<string[]>();
      expectTypeOf(exp.urlsExpireAt).toEqualTypeOf<Date | undefined>();
      expectTypeOf(exp.jobId).toEqualTypeOf<string>();
    }
    if (exp.phase === "error") {
      expectTypeOf(exp.error).toEqualTypeOf<PortabilityHookError>();
      expectTypeOf(exp.nextAllowedAt).toEqualTypeOf<Date | undefined>();
    }
    if (exp.phase === "waiting") {
      expectTypeOf(exp.checks).toEqualTypeOf<number>();
      expectTypeOf(exp.nextCheckAt).toEqualTypeOf<Date | undefined>();
    }
    if (exp.phase === "idle") {
      expectTypeOf(exp.jobId).toEqualTypeOf<undefined>();
      // @ts-expect-error only a complete export has URLs
      exp.urls;
    }
  });

  test("takes typed resources", () => {
    expectTypeOf(useExportArchive).toBeCallableWith(["myactivity.youtube"]);
    // @ts-expect-error not a resource group
    expectTypeOf(useExportArchive).toBeCallableWith(["nope"]);
    expectTypeOf(useExportArchive).returns.toEqualTypeOf<UseExportArchiveResult>();
  });
});
