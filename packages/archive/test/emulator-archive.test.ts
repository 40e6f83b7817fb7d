import { createPortabilityClient } from "@dataportability/core";
import { VirtualClock } from "@dataportability/msw";
import { createEmulatorServer } from "@dataportability/msw/node";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openArchive, type RecordProblem, readRecords } from "../src/index.js";

const MY_ACTIVITY = [
  "myactivity.youtube",
  "myactivity.search",
  "myactivity.maps",
  "myactivity.play",
] as const;

describe("records of an emulator archive, fetched over HTTP", () => {
  let server: Awaited<ReturnType<typeof createEmulatorServer>>;
  let urls: string[];

  beforeAll(async () => {
    server = await createEmulatorServer({
      clock: new VirtualClock(new Date("2025-06-01T00:00:00Z")),
      completeAfterPolls: 0,
      archiveBytes: 2 * 2 ** 20,
    });
    const { accessToken } = server.emulator.issueToken({ resources: [...MY_ACTIVITY] });
    const client = createPortabilityClient({ auth: accessToken, baseUrl: server.url });
    const { archiveJobId } = await client.initiateArchive({ resources: [...MY_ACTIVITY] });
    const state = await client.getArchiveState(archiveJobId);
    urls = state.urls;
  });
  afterAll(() => server.close());

  it("yields every record of every My Activity file, valid, streamed from the response body", async () => {
    const problems: RecordProblem[] = [];
    const counts = new Map<string, number>();
    for (const url of urls) {
      const response = await fetch(url);
      for await (const item of readRecords(openArchive(response.body!), {
        onProblem: (p) => problems.push(p),
      })) {
        if (item.kind !== "record" || item.object !== "my_activity.activity") continue;
        counts.set(item.resource, (counts.get(item.resource) ?? 0) + 1);
        expect(item.record.time).toMatch(/^20\d\d-\d\d-\d\dT/);
      }
    }
    expect(problems).toEqual([]);
    expect([...counts.keys()].sort()).toEqual([...MY_ACTIVITY].sort());
    // The same count as parsing every My Activity file whole, the naive way.
    let written = 0;
    for (const url of urls) {
      const files = unzipSync(await server.emulator.archiveBytes(url));
      for (const [name, bytes] of Object.entries(files)) {
        if (name.includes("/My Activity/") && name.endsWith(".json"))
          written += (JSON.parse(new TextDecoder().decode(bytes)) as unknown[]).length;
      }
    }
    expect(written).toBeGreaterThan(0);
    expect([...counts.values()].reduce((a, b) => a + b, 0)).toBe(written);
  });
});
