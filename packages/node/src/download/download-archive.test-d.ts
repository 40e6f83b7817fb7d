import type { ArchiveState, ExportResult, PortabilityClient } from "@dataportability/core";
import { describe, expectTypeOf, it } from "vitest";
import { type DownloadArchiveOptions, type DownloadEvent, downloadArchive } from "../index.js";

describe("downloadArchive types", () => {
  it("accepts what core's export flow, waiter and client return", () => {
    expectTypeOf<{ state: ExportResult; folder: string }>().toMatchTypeOf<DownloadArchiveOptions>();
    expectTypeOf<{ state: ArchiveState; folder: string }>().toMatchTypeOf<DownloadArchiveOptions>();
    expectTypeOf<{
      jobId: string;
      client: PortabilityClient;
      folder: string;
    }>().toMatchTypeOf<DownloadArchiveOptions>();
    expectTypeOf<{
      state: ArchiveState;
      dir: string;
    }>().not.toMatchTypeOf<DownloadArchiveOptions>();
  });

  it("narrows events by type", () => {
    const onEvent = (event: DownloadEvent) => {
      if (event.type === "progress") {
        expectTypeOf(event.total.bytes).toEqualTypeOf<number>();
        expectTypeOf(event.fileProgress.etaMs).toEqualTypeOf<number | undefined>();
      }
      if (event.type === "retry") expectTypeOf(event.offset).toEqualTypeOf<number>();
      if (event.type === "file-complete") expectTypeOf(event.skipped).toEqualTypeOf<boolean>();
    };
    expectTypeOf(onEvent).toMatchTypeOf<NonNullable<DownloadArchiveOptions["onEvent"]>>();
    expectTypeOf(downloadArchive).returns.resolves.toHaveProperty("files");
  });
});
