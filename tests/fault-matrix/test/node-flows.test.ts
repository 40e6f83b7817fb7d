import { describe, it } from "vitest";
import { assertOutcome } from "../src/assert-outcome.js";
import { FAULT_CASES, type FlowName } from "../src/fault-cases.js";
import { downloadFlow, exportFlow, type FlowResult, resumeFlow } from "../src/node-flows.js";
import { createWorld, type World } from "../src/world.js";

const FLOWS: Record<
  Exclude<FlowName, "react">,
  (world: World, fault: (typeof FAULT_CASES)[number]) => Promise<FlowResult>
> = {
  export: exportFlow,
  download: downloadFlow,
  resume: resumeFlow,
};

describe.each(FAULT_CASES)("fault: $id", (fault) => {
  it.for(Object.keys(FLOWS) as (keyof typeof FLOWS)[])("flow: %s", async (flow, { task }) => {
    const world = await createWorld(fault.world);
    try {
      const outcome = await FLOWS[flow](world, fault).catch((error: unknown) => ({ error }));
      await assertOutcome(
        world,
        fault.expect[flow] ?? fault.expect.default,
        fault.struck,
        outcome,
        task.meta,
      );
    } finally {
      await world.close();
    }
  });
});
