import type { paths } from "@dataportability/spec";
import type { Client } from "openapi-fetch";
import { describe, expectTypeOf, it } from "vitest";
import {
  type AccessType,
  type ArchiveCheck,
  type ArchivePoller,
  type ArchiveProgress,
  type ArchiveState,
  type ArchiveStateName,
  type ArchiveUrls,
  checkArchive,
  createPortabilityClient,
  type ExportNext,
  type ExportResult,
  type ExportStep,
  exportArchive,
  type InitiateArchiveResult,
  isResource,
  nextExportStep,
  type PortabilityApiError,
  type PortabilityClient,
  parseGrantedScopes,
  pollArchive,
  type RESOURCES,
  type Resource,
  refreshArchiveUrls,
  resumeArchivePoller,
  type SavedExport,
  type SerializedPoller,
  scopeFor,
  startExport,
  waitForArchive,
} from "../src/index.js";
import {
  createAuthorizationRequest,
  createRefreshingTokenProvider,
  type OAuthTokens,
} from "../src/oauth.js";

declare const client: PortabilityClient;

describe("public types", () => {
  it("uses literal unions for states, access types and resources", () => {
    expectTypeOf<ArchiveStateName>().toEqualTypeOf<
      "STATE_UNSPECIFIED" | "IN_PROGRESS" | "COMPLETE" | "FAILED" | "CANCELLED"
    >();
    expectTypeOf<AccessType>().toEqualTypeOf<"ONE_TIME" | "TIME_BASED" | "UNSPECIFIED">();
    expectTypeOf<"myactivity.youtube">().toExtend<Resource>();
    expectTypeOf<"not.a.resource">().not.toExtend<Resource>();
    expectTypeOf<(typeof RESOURCES)[number]>().toEqualTypeOf<Resource>();
    expectTypeOf(isResource).guards.toEqualTypeOf<Resource>();
    expectTypeOf(scopeFor).parameter(0).toEqualTypeOf<Resource>();
  });

  it("accepts the three kinds of auth and Date-friendly times", () => {
    expectTypeOf(createPortabilityClient).toBeCallableWith({ auth: "token" });
    expectTypeOf(createPortabilityClient).toBeCallableWith({ auth: () => "token" });
    expectTypeOf(createPortabilityClient).toBeCallableWith({ auth: async () => "token" });
    expectTypeOf(createPortabilityClient).toBeCallableWith({
      auth: { getAccessToken: async () => "t", refresh: async () => "u" },
    });
    expectTypeOf(client.initiateArchive).toBeCallableWith({
      resources: ["myactivity.youtube"],
      startTime: new Date(),
      endTime: "2026-01-01T00:00:00Z",
    });
    // @ts-expect-error: an unknown resource is a type error too
    client.initiateArchive({ resources: ["myactivity.youtub"] });
  });

  it("returns plain typed results", () => {
    expectTypeOf(client.initiateArchive).returns.resolves.toEqualTypeOf<InitiateArchiveResult>();
    expectTypeOf(client.getArchiveState).returns.resolves.toEqualTypeOf<ArchiveState>();
    expectTypeOf<ArchiveState["exportTime"]>().toEqualTypeOf<Date | undefined>();
    expectTypeOf(client.checkAccessType).returns.resolves.toEqualTypeOf<{
      oneTimeResources: Resource[];
      timeBasedResources: Resource[];
    }>();
    expectTypeOf(client.cancelArchive).returns.resolves.toBeVoid();
    expectTypeOf(client.raw).toEqualTypeOf<Client<paths>>();
  });

  it("types the raw client by path", () => {
    expectTypeOf(client.raw.GET)
      .parameter(0)
      .toEqualTypeOf<"/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState">();
  });

  it("types errors, pollers and the export flow", () => {
    expectTypeOf<PortabilityApiError["nextAllowedAt"]>().toEqualTypeOf<Date | undefined>();
    expectTypeOf<PortabilityApiError["previousJobIds"]>().toEqualTypeOf<string[]>();
    expectTypeOf<PortabilityApiError["existingJobId"]>().toEqualTypeOf<string | undefined>();
    expectTypeOf(pollArchive).returns.toEqualTypeOf<ArchivePoller>();
    expectTypeOf<ArchivePoller>().toExtend<PromiseLike<ArchiveState>>();
    expectTypeOf<ArchivePoller["serialize"]>().returns.toEqualTypeOf<SerializedPoller>();
    expectTypeOf<ArchivePoller["onProgress"]>()
      .parameter(0)
      .parameter(0)
      .toEqualTypeOf<ArchiveProgress>();
    expectTypeOf(resumeArchivePoller).parameter(1).toEqualTypeOf<SerializedPoller | string>();
    expectTypeOf(waitForArchive).returns.resolves.toEqualTypeOf<ArchiveState>();
    expectTypeOf(exportArchive).returns.resolves.toEqualTypeOf<ExportResult>();
    expectTypeOf(refreshArchiveUrls).returns.resolves.toEqualTypeOf<ArchiveUrls>();
    expectTypeOf<ExportResult["urlsExpireAt"]>().toEqualTypeOf<Date>();
    expectTypeOf(parseGrantedScopes).returns.toEqualTypeOf<{
      granted: Resource[];
      missing: Resource[];
      other: string[];
    }>();
  });

  it("types the stateless step: startExport, checkArchive, nextExportStep", () => {
    expectTypeOf(startExport).returns.resolves.toEqualTypeOf<SavedExport>();
    expectTypeOf<SerializedPoller>().toEqualTypeOf<SavedExport>();
    expectTypeOf(checkArchive).parameter(1).toEqualTypeOf<SavedExport | string>();
    expectTypeOf(checkArchive).returns.resolves.toEqualTypeOf<ArchiveCheck>();
    // `done` tells which fields are set.
    expectTypeOf<Extract<ArchiveCheck, { done: true }>["state"]>().toEqualTypeOf<ArchiveState>();
    expectTypeOf<Extract<ArchiveCheck, { done: false }>["nextCheckAt"]>().toEqualTypeOf<string>();
    expectTypeOf(nextExportStep).returns.toEqualTypeOf<ExportStep>();
    expectTypeOf<ExportNext["kind"]>().toEqualTypeOf<
      "check" | "retry-failed" | "done" | "failed"
    >();
    expectTypeOf<ArchivePoller["poll"]>().returns.resolves.toEqualTypeOf<ArchiveProgress>();
  });

  it("types the OAuth subpath", () => {
    expectTypeOf(createAuthorizationRequest).returns.resolves.toHaveProperty("codeVerifier");
    expectTypeOf<OAuthTokens["missing"]>().toEqualTypeOf<Resource[]>();
    expectTypeOf(createRefreshingTokenProvider).returns.toHaveProperty("refresh");
  });
});
