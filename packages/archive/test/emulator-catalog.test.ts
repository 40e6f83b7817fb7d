import { createPortabilityClient } from "@dataportability/core";
import { VirtualClock } from "@dataportability/msw";
import { createEmulatorServer } from "@dataportability/msw/node";
import { RESOURCES, type Resource, TIME_FILTER_RESOURCES } from "@dataportability/spec";
import { ARCHIVE_OBJECTS } from "@dataportability/spec/archive";
import { unzipSync } from "fflate";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openArchive, type RecordProblem, readRecords } from "../src/index.js";

const NOW = "2025-06-01T00:00:00Z";
const START = "2025-01-01T00:00:00Z";

/** Every resource group of the pinned revision, with the keys of the catalog objects it exports. */
const catalogued = new Map<Resource, Set<string>>(RESOURCES.map((group) => [group, new Set()]));
for (const object of ARCHIVE_OBJECTS) {
  for (const group of Object.keys(object.resourceGroups) as Resource[]) {
    catalogued.get(group)?.add(object.key);
  }
}
const layoutOf = new Map(ARCHIVE_OBJECTS.map((object) => [object.key, object.layout]));

/** The first bytes each generated media or HTML file starts with, by its extension. */
const SIGNATURES: Readonly<Record<string, readonly number[]>> = {
  jpg: [0xff, 0xd8, 0xff],
  png: [0x89, 0x50, 0x4e, 0x47],
  mp4: [0, 0, 0, 24, 0x66, 0x74, 0x79, 0x70],
  kmz: [0x50, 0x4b, 0x03, 0x04],
  html: [...new TextEncoder().encode("<!DOCTYPE")],
};

async function bytesOf(body: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const bytes: number[] = [];
  for await (const chunk of body) bytes.push(...chunk);
  return new Uint8Array(bytes);
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

describe("emulator archives of every resource group", () => {
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

  it("cover all the pinned revision's groups, each with its catalog objects", () => {
    expect(catalogued.size).toBe(RESOURCES.length);
    for (const objects of catalogued.values()) expect(objects.size).toBeGreaterThan(0);
    expect(catalogued.get("myactivity.youtube")).toEqual(
      new Set(["my_activity.activity", "my_activity.image_attachment"]),
    );
  });

  it("one job of every group: each catalog object read, no file taken for another's", async () => {
    // Its own user: one-time access allows one export per resource and user.
    const { accessToken } = server.emulator.issueToken({
      resources: [...RESOURCES],
      user: "every-group",
    });
    const client = createPortabilityClient({ auth: accessToken, baseUrl: server.url });
    const { archiveJobId } = await client.initiateArchive({ resources: [...RESOURCES] });
    const { urls } = await client.getArchiveState(archiveJobId);
    const problems: RecordProblem[] = [];
    const objects = new Set<string>();
    for (const url of urls) {
      const archive = openArchive(await server.emulator.archiveBytes(url));
      for await (const item of readRecords(archive, { onProblem: (p) => problems.push(p) })) {
        objects.add(item.object);
      }
    }
    expect(problems).toEqual([]);
    expect([...objects].sort()).toEqual(ARCHIVE_OBJECTS.map((object) => object.key).sort());
  });

  it("saved collections open with a description and a blank line, which the reader skips", async () => {
    const { accessToken } = server.emulator.issueToken({
      resources: ["saved.collections"],
      user: "saved-collections",
    });
    const client = createPortabilityClient({ auth: accessToken, baseUrl: server.url });
    const { archiveJobId } = await client.initiateArchive({ resources: ["saved.collections"] });
    const [url] = (await client.getArchiveState(archiveJobId)).urls;
    const bytes = await server.emulator.archiveBytes(url!);
    const files = Object.entries(unzipSync(bytes)).filter(([name]) => name.endsWith(".csv"));
    expect(files.length).toBeGreaterThan(0);
    for (const [, content] of files) {
      const [description, blank, header] = new TextDecoder().decode(content).split("\n");
      expect(description).not.toBe("");
      expect(blank).toBe("");
      expect(header).toContain("item_content_url");
    }
    const items = [];
    for await (const item of readRecords(openArchive(bytes))) items.push(item);
    expect(items.length).toBeGreaterThan(50);
    expect(items.every((item) => item.object === "save.saved_item")).toBe(true);
  });

  for (const [group, objects] of catalogued) {
    it(`${group}: yields ${[...objects].join(" and ")} with no problem`, async () => {
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
          if (item.kind === "record") {
            seen.push(...times(item.record));
          } else {
            // Media and HTML come as bytes, never parsed: valid files of the format they name.
            const bytes = await bytesOf(item.body);
            const signature = SIGNATURES[item.file.slice(item.file.lastIndexOf(".") + 1)];
            expect(bytes.length).toBeGreaterThan(0);
            if (signature) expect([...bytes.subarray(0, signature.length)]).toEqual(signature);
            expect(item.layout).toBe(layoutOf.get(item.object));
          }
        }
      }
      expect(problems).toEqual([]);
      expect(new Set(counts.keys())).toEqual(objects);
      for (const [object, count] of counts) {
        // Tables and arrays fill the archive; media, HTML and single JSON objects come a few files each.
        const layout = layoutOf.get(object);
        expect(count).toBeGreaterThan(layout === "json-array" || layout === "csv" ? 50 : 0);
      }
      const from = new Set<Resource>(TIME_FILTER_RESOURCES).has(group) ? Date.parse(START) : 0;
      for (const time of seen) {
        expect(time).toBeGreaterThanOrEqual(from);
        expect(time).toBeLessThanOrEqual(Date.parse(NOW));
      }
    });
  }
});
