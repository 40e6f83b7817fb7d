import { describe, expect, it } from "vitest";
import { createEmulator } from "../emulator/create-emulator.js";
import { SCENARIOS } from "./scenarios.js";

describe("SCENARIOS", () => {
  it.each(Object.entries(SCENARIOS))("%s is a valid, described preset", (_name, scenario) => {
    expect(scenario.description.length).toBeGreaterThan(10);
    const emulator = createEmulator(scenario.options);
    expect(emulator.faults).toEqual(scenario.options.faults ?? []);
  });
});
