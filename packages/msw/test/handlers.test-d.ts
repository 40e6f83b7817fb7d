import { describe, expectTypeOf, it } from "vitest";
import { handlers, type OperationResult, rpcError } from "../src/index.js";

describe("handler types", () => {
  it("types params, bodies and results from the spec", () => {
    handlers.retry(({ params, body }) => {
      expectTypeOf(params.archiveJobsId).toEqualTypeOf<string>();
      expectTypeOf(body).toEqualTypeOf<Record<string, never> | undefined>();
      return { body: { archiveJobId: "1" } };
    });
    handlers.initiate(({ body }) => {
      expectTypeOf(body?.resources).toEqualTypeOf<string[] | undefined>();
      return rpcError({ status: "INVALID_ARGUMENT", message: "bad" });
    });
    expectTypeOf<OperationResult<"dataportability.portabilityArchive.initiate">>().toMatchTypeOf<{
      status?: number;
    }>();
    // @ts-expect-error: state is an enum
    handlers.getPortabilityArchiveState({ body: { state: "DONE" } });
    // @ts-expect-error: success bodies carry status 200 only
    handlers.checkAccessType({ status: 201, body: {} });
  });
});
