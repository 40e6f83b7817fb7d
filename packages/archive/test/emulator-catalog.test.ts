import { createPortabilityClient } from "@dataportability/core";
import { VirtualClock } from "@dataportability/msw";
import { createEmulatorServer } from "@dataportability/msw/node";
import { type Resource, TIME_FILTER_RESOURCES } from "@dataportability/spec";
import { ARCHIVE_OBJECTS } from "@dataportability/spec/archive";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openArchive, type RecordProblem, readRecords } from "../src/index.js";

const NOW = "2025-06-01T00:00:00Z";
const START = "2025-01-01T00:00:00Z";

/** Every resource group with a catalogued object that has records, with those objects' keys. */
const catalogued = new Map<Resource, Set<string>>();
for (const object of ARCHIVE_OBJECTS) {
  const hasRecords = object.layout === "json-array" || object.layout === "csv";
  if (!hasRecords || object.fields.length === 0) continue;
  for (const group of Object.keys(object.resourceGroups) as Resource[]) {
    catalogued.set(group, (catalogued.get(group) ?? new Set()).add(object.key));
  }
}

/** The times anywhere in a record: RFC 3339 strings and microseconds in `…usec` fields, as ms. */
function times(value: unknown): number[] {
  if (typeof value === "string") {
    return /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/.test(value) ? [Date.parse(value)] : [];
  }
  if (typeof value !== "object" || value === null) return [];
  return Object.entries(value).flatMap(([key, item]) =>
    /usec$/i.test(key) ? [Number(item) / 1000] : times(item),
  );
}

describe("emulator archives of every catalogued resource group", () => {
  let server: Awaited<ReturnType<typeof createEmulatorServer>>;

  beforeAll(async () => {
    server = await createEmulatorServer({
      clock: new VirtualClock(new Date(NOW)),
      completeAfterPolls: 0,
      archiveBytes: 256 * 1024,
      // Two archives per job, so file names carry part numbers where the catalog allows.
      archivesPerJob: 2,
    });
  });
  afterAll(() => server.close());

  it("include My Activity's groups", () => {
    expect(catalogued.get("myactivity.youtube")).toEqual(new Set(["my_activity.activity"]));
  });

  for (const [group, objects] of catalogued) {
    it(`${group}: yields ${[...objects].join(" and ")} records with no problem`, async () => {
      const { accessToken } = server.emulator.issueToken({ resources: [group] });
      const client = createPortabilityClient({ auth: accessToken, baseUrl: server.url });
      const { archiveJobId } = await client.initiateArchive({
        resources: [group],
        startTime: START,
        endTime: NOW,
      });
      const { urls } = await client.getArchiveState(archiveJobId);
      const problems: RecordProblem[] = [];
      const counts = new Map<string, number>();
      const seen: number[] = [];
      for (const url of urls) {
        const archive = openArchive(await server.emulator.archiveBytes(url));
        // Groups can share file names (public, unlisted and private videos): name the one asked.
        const options = { resources: [group], onProblem: (p: RecordProblem) => problems.push(p) };
        for await (const item of readRecords(archive, options)) {
          expect(item.resource).toBe(group);
          counts.set(item.object, (counts.get(item.object) ?? 0) + 1);
          if (item.kind === "record") seen.push(...times(item.record));
        }
      }
      expect(problems).toEqual([]);
      expect(new Set(counts.keys())).toEqual(objects);
      for (const count of counts.values()) expect(count).toBeGreaterThan(50);
      const from = new Set<Resource>(TIME_FILTER_RESOURCES).has(group) ? Date.parse(START) : 0;
      for (const time of seen) {
        expect(time).toBeGreaterThanOrEqual(from);
        expect(time).toBeLessThanOrEqual(Date.parse(NOW));
      }
    });
  }
});
