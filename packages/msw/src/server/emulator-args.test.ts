import { describe, expect, it } from "vitest";
import { parseEmulatorArgs, parseFault, parseSize } from "./emulator-args.js";

describe("dataportability-emulator arguments", () => {
  it("parses sizes with units", () => {
    expect(parseSize("1GiB")).toBe(1024 ** 3);
    expect(parseSize("64KiB")).toBe(65_536);
    expect(parseSize("10MB")).toBe(10_000_000);
    expect(parseSize("4096")).toBe(4096);
    expect(() => parseSize("lots")).toThrow(/Invalid size/);
  });

  it("parses faults with numbers and match lists", () => {
    expect(parseFault("server-error:status=503,times=3")).toEqual({
      name: "server-error",
      status: 503,
      times: 3,
    });
    expect(parseFault("rate-limit:match=initiate+retry")).toEqual({
      name: "rate-limit",
      match: ["initiate", "retry"],
    });
    expect(parseFault("job-fails")).toEqual({ name: "job-fails" });
    expect(() => parseFault("latency:ms")).toThrow(/key=value/);
  });

  it("combines a scenario with flags", () => {
    const parsed = parseEmulatorArgs([
      "--port",
      "0",
      "--scenario",
      "failing",
      "--archive-bytes",
      "1MiB",
      "--fault",
      "latency:ms=5",
      "--seed",
      "9",
      "--frozen-clock",
    ]);
    expect(parsed.help).toBe(false);
    if (parsed.help) return;
    expect(parsed.scenario).toBe("failing");
    expect(parsed.options).toMatchObject({
      port: 0,
      archiveBytes: 1_048_576,
      seed: 9,
      faults: [
        { name: "job-fails", times: 1 },
        { name: "latency", ms: 5 },
      ],
    });
    const clock = parsed.options.clock!;
    const t = clock.nowMs();
    expect(clock.nowMs()).toBe(t);
  });

  it("refuses unknown scenarios, non-loopback hosts and bad numbers", () => {
    expect(() => parseEmulatorArgs(["--scenario", "chaos"])).toThrow(
      /Unknown scenario "chaos"; choose one of: happy/,
    );
    expect(() => parseEmulatorArgs(["--host", "0.0.0.0"])).toThrow(/loopback/);
    expect(() => parseEmulatorArgs(["--port", "-1"])).toThrow(/--port/);
    expect(() => parseEmulatorArgs(["--bogus"])).toThrow();
    expect(parseEmulatorArgs(["-h"])).toEqual({ help: true });
  });
});
