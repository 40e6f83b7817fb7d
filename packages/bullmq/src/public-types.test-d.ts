import type { TokenProvider } from "@dataportability/core";
import { describe, expectTypeOf, it } from "vitest";
import type {
  DeadExport,
  ExportEvents,
  ExportNotDeadError,
  ExportPhase,
  ExportProgress,
  ExportQueue,
  ExportResult,
  ExportStatus,
  RetryExportOptions,
  StorageSink,
  TokenCallback,
} from "./index.js";

describe("public types", () => {
  it("a token callback may give a token, a provider, a function or nothing, sync or async", () => {
    expectTypeOf<() => string>().toMatchTypeOf<TokenCallback>();
    expectTypeOf<() => Promise<TokenProvider | undefined>>().toMatchTypeOf<TokenCallback>();
    expectTypeOf<() => () => Promise<string>>().toMatchTypeOf<TokenCallback>();
    expectTypeOf<() => null>().toMatchTypeOf<TokenCallback>();
    expectTypeOf<() => number>().not.toMatchTypeOf<TokenCallback>();
    expectTypeOf<Parameters<TokenCallback>[1]["purpose"]>().toEqualTypeOf<"api" | "download">();
  });

  it("event listeners receive the typed payloads", () => {
    type On = ExportEvents["on"];
    expectTypeOf<On>().toBeCallableWith("progress", (p: ExportProgress) => p.exportId);
    expectTypeOf<On>().toBeCallableWith("completed", (r: ExportResult) => r.files);
    expectTypeOf<On>().toBeCallableWith("dead", (d: DeadExport) => d.error.message);
    expectTypeOf<DeadExport["error"]>().toEqualTypeOf<Error>();
  });

  it("a sink returns where it stored the file", () => {
    expectTypeOf<ReturnType<StorageSink["put"]>>().toEqualTypeOf<Promise<{ location: string }>>();
  });

  it("retryExport takes where to start from and names the phase and the state", () => {
    expectTypeOf<RetryExportOptions["from"]>().toEqualTypeOf<"auto" | "start" | undefined>();
    type Retried = Awaited<ReturnType<ExportQueue["retryExport"]>>;
    expectTypeOf<Retried>().toEqualTypeOf<{ exportId: string; phase: ExportPhase }>();
    expectTypeOf<ExportNotDeadError["status"]>().toEqualTypeOf<
      Exclude<ExportStatus["status"], "dead">
    >();
  });
});
