import { describe, expect, it } from "vitest";
import {
  ArchiveFormatError,
  ArchiveTooLargeError,
  InvalidRecordError,
  openArchive,
  type RecordProblem,
  readRecords,
  UnsafeArchiveEntryError,
} from "../src/index.js";
import { activity, collect, inChunks, makeZip } from "./zips.js";

const youtube = "Portability/My Activity/YouTube/MyActivity.json";
const search = "Portability/My Activity/Search/MyActivity.json";

function records(
  bytes: Uint8Array | AsyncIterable<Uint8Array>,
  options: Parameters<typeof readRecords>[1] = {},
) {
  const problems: RecordProblem[] = [];
  return {
    problems,
    items: collect(
      readRecords(openArchive(bytes), { onProblem: (p) => problems.push(p), ...options }),
    ),
  };
}

describe("readRecords", () => {
  it("yields typed records of the asked resource groups, in order, with their file and index", async () => {
    const zip = makeZip({
      [youtube]: JSON.stringify([activity(0), activity(1)]),
      [search]: JSON.stringify([{ ...activity(2), header: "Search" }]),
      "Portability/archive_browser.json": "{}",
    });
    const items = await collect(
      readRecords(openArchive(zip), { resources: ["myactivity.youtube"] }),
    );
    expect(items).toEqual([
      {
        kind: "record",
        resource: "myactivity.youtube",
        object: "my_activity.activity",
        file: youtube,
        index: 0,
        record: activity(0),
      },
      {
        kind: "record",
        resource: "myactivity.youtube",
        object: "my_activity.activity",
        file: youtube,
        index: 1,
        record: activity(1),
      },
    ]);
    const all = await collect(readRecords(openArchive(zip)));
    expect(all.map((item) => item.resource)).toEqual([
      "myactivity.youtube",
      "myactivity.youtube",
      "myactivity.search",
    ]);
  });

  it("reads the same records from a Blob, a ReadableStream and chunks of any size, stored or deflated", async () => {
    const rows = Array.from({ length: 50 }, (_, i) => activity(i));
    for (const level of [0, 6] as const) {
      const zip = makeZip({ [youtube]: JSON.stringify(rows) }, level);
      const fromBlob = await collect(
        readRecords(openArchive(new Blob([zip as Uint8Array<ArrayBuffer>]))),
      );
      const fromStream = await collect(
        readRecords(openArchive(new Blob([zip as Uint8Array<ArrayBuffer>]).stream())),
      );
      const fromChunks = await collect(readRecords(openArchive(inChunks(zip, 7))));
      for (const items of [fromBlob, fromStream, fromChunks]) {
        expect(items.map((item) => (item.kind === "record" ? item.record : undefined))).toEqual(
          rows,
        );
      }
    }
  });

  it("keeps unknown fields and reports a record whose field has the wrong type, then goes on", async () => {
    const zip = makeZip({
      [youtube]: JSON.stringify([
        { ...activity(0), futureField: { x: 1 } },
        { ...activity(1), time: 12 },
        activity(2),
      ]),
    });
    const { items, problems } = records(zip);
    const got = await items;
    expect(got.map((item) => item.kind === "record" && item.index)).toEqual([0, 2]);
    expect(got[0]!.kind === "record" && got[0]!.record.futureField).toEqual({ x: 1 });
    expect(problems).toEqual([
      expect.objectContaining({
        file: youtube,
        index: 1,
        reason: "field",
        issue: { field: "time", expected: "timestamp", problem: "type" },
      }),
    ]);
  });

  it("throws InvalidRecordError for a bad record when asked to", async () => {
    const zip = makeZip({
      [youtube]: JSON.stringify([activity(0), { ...activity(1), products: "YouTube" }]),
    });
    const error = await collect(readRecords(openArchive(zip), { invalid: "throw" })).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect((error as InvalidRecordError).problem).toMatchObject({
      index: 1,
      issue: { field: "products" },
    });
  });

  it("reports a JSON array cut in the middle after yielding what it held", async () => {
    const text = JSON.stringify([activity(0), activity(1)]);
    const zip = makeZip({ [youtube]: text.slice(0, text.length - 20) });
    const { items, problems } = records(zip);
    expect((await items).length).toBe(1);
    expect(problems).toEqual([expect.objectContaining({ index: 1, reason: "truncated" })]);
  });

  it("reports a file that is not the declared format, and text that is not UTF-8", async () => {
    const { items, problems } = records(
      makeZip({
        [youtube]: "<html>not json</html>",
        [search]: new Uint8Array([0x5b, 0x22, 0xff, 0xfe, 0x22, 0x5d]),
      }),
    );
    expect(await items).toEqual([]);
    expect(problems.map((p) => [p.file, p.reason])).toEqual([
      [youtube, "format"],
      [search, "utf8"],
    ]);
  });

  it("finds records by content when Google's paths differ from the catalog's, for a group it can tell apart", async () => {
    const zip = makeZip({ "Elsewhere/Unknown/Activity.json": JSON.stringify([activity(0)]) });
    // My Activity records fit six resource groups: content alone cannot say which, so they are skipped.
    expect(await collect(readRecords(openArchive(zip)))).toEqual([]);
    const one = await collect(readRecords(openArchive(zip), { resources: ["myactivity.youtube"] }));
    expect(one).toEqual([expect.objectContaining({ resource: "myactivity.youtube", index: 0 })]);
  });

  it("hands media files over as bytes, never parsed", async () => {
    const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47, 1, 2, 3]);
    const items = await collect(
      readRecords(openArchive(makeZip({ "Portability/My Activity/YouTube/thumb.png": png }))),
    );
    expect(items).toHaveLength(1);
    const [item] = items;
    expect(item).toMatchObject({
      kind: "file",
      layout: "media",
      object: "my_activity.image_attachment",
    });
    if (item?.kind !== "file") throw new Error("expected a file");
  });

  it("reads a media file's bytes while the loop waits", async () => {
    const png = new Uint8Array(100_000).map((_, i) => i & 0xff);
    const zip = makeZip({
      "Portability/My Activity/YouTube/a.png": png,
      [youtube]: JSON.stringify([activity(0)]),
    });
    const seen: Array<number | string> = [];
    for await (const item of readRecords(openArchive(inChunks(zip, 999)))) {
      if (item.kind === "file") {
        let size = 0;
        for await (const chunk of item.body) size += chunk.length;
        seen.push(size);
      } else {
        seen.push(item.file);
      }
    }
    expect(seen).toEqual([100_000, youtube]);
  });

  it("refuses entry names that escape the archive's folder", async () => {
    const error = await collect(
      readRecords(openArchive(makeZip({ "../../evil.json": "[]" }))),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsafeArchiveEntryError);
  });

  it("throws ArchiveFormatError for bytes that are not a zip, a cut-off zip and a corrupted one", async () => {
    const zip = makeZip(
      { [youtube]: JSON.stringify(Array.from({ length: 200 }, (_, i) => activity(i))) },
      0,
    );
    const notZip = new TextEncoder().encode("<!doctype html><title>portal</title>");
    const cut = zip.slice(0, zip.length >> 1);
    const corrupted = zip.slice();
    corrupted[200] = corrupted[200]! ^ 0xff;
    for (const bytes of [notZip, cut, corrupted]) {
      await expect(collect(readRecords(openArchive(bytes)))).rejects.toBeInstanceOf(
        ArchiveFormatError,
      );
    }
  });

  it("stops a zip bomb at its ratio limit while it inflates, before holding it", async () => {
    const bomb = makeZip({ [youtube]: new Uint8Array(80 * 2 ** 20) });
    const error = await collect(
      readRecords(openArchive(bomb, { limits: { maxRatio: 100 } })),
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ArchiveTooLargeError);
    expect((error as ArchiveTooLargeError).limit).toBe("maxRatio");
  });

  it("names an unknown resource group before reading anything", async () => {
    let pulled = 0;
    const source = (async function* () {
      pulled++;
      yield new Uint8Array(0);
    })();
    await expect(
      collect(
        readRecords(openArchive(source), {
          resources: ["myactivity.youtub" as "myactivity.youtube"],
        }),
      ),
    ).rejects.toThrow(/did you mean "myactivity.youtube"/);
    expect(pulled).toBe(0);
  });
});

describe("readRecords, catalog layouts beyond a plain JSON array", () => {
  it("reads records from an array under a key of the file's object (Chrome history, GeoJSON)", async () => {
    const visit = (i: number) => ({
      title: `Page ${i}`,
      url: `https://example.test/${i}`,
      time_usec: 1_700_000_000_000_000 + i,
    });
    const zip = makeZip({
      "Portability/Chrome/History.json": JSON.stringify({
        "Browser History": [visit(0), visit(1)],
        Extra: { a: [1] },
      }),
      "Portability/Maps (your places)/Saved Places.json": JSON.stringify({
        type: "FeatureCollection",
        features: [
          {
            type: "Feature",
            geometry: { type: "Point", coordinates: [2.35, 48.85] },
            properties: { name: "Paris" },
          },
        ],
      }),
    });
    const items = await collect(readRecords(openArchive(inChunks(zip, 5))));
    expect(items.map((item) => [item.resource, item.kind === "record" && item.record])).toEqual([
      ["chrome.history", visit(0)],
      ["chrome.history", visit(1)],
      ["maps.starred_places", expect.objectContaining({ properties: { name: "Paris" } })],
    ]);
  });

  it("reads CSV columns whatever their letter case, under the catalog's names", async () => {
    const csv =
      "Channel Id,CHANNEL URL,Channel title\r\nUC1,https://www.youtube.com/channel/UC1,First\r\n";
    const zip = makeZip({
      "Portability/YouTube and YouTube Music/subscriptions/subscriptions.csv": csv,
    });
    const { items, problems } = records(zip);
    const [item] = await items;
    expect(problems).toEqual([]);
    expect(item).toMatchObject({
      resource: "youtube.subscriptions",
      record: { "Channel Id": "UC1", "Channel Title": "First" },
    });
  });

  it("skips a saved collection's preamble (its description and a blank line) before the header", async () => {
    const rows =
      'Title,Note,URL,Comment\nCafe,,https://maps.google.com/?cid=1,\n"Bar, ""the"" one",late,https://maps.google.com/?cid=2,\n';
    const zip = makeZip({
      "Portability/Saved/Weekend.csv": `Ideas for a weekend away\n\n${rows}`,
      "Portability/Saved/Plain.csv": rows,
      "Elsewhere/Lists/Trip.csv": `"A description, quoted"\n\n${rows}`,
    });
    const { items, problems } = records(zip, { resources: ["saved.collections"] });
    expect(
      (await items).map((item) => [item.file, item.kind === "record" && item.record.Title]),
    ).toEqual([
      ["Portability/Saved/Weekend.csv", "Cafe"],
      ["Portability/Saved/Weekend.csv", 'Bar, "the" one'],
      ["Portability/Saved/Plain.csv", "Cafe"],
      ["Portability/Saved/Plain.csv", 'Bar, "the" one'],
      ["Elsewhere/Lists/Trip.csv", "Cafe"],
      ["Elsewhere/Lists/Trip.csv", 'Bar, "the" one'],
    ]);
    expect(problems).toEqual([]);
  });

  it("reports a CSV file whose header is not the object's, or comes after more rows than a preamble may hold", async () => {
    const zip = makeZip({
      "Portability/YouTube and YouTube Music/subscriptions/subscriptions.csv":
        "Name,Colour\nfirst,red\n",
      "Portability/Saved/Long.csv": "one\ntwo\nthree\nTitle,URL\nCafe,https://maps.google.com/\n",
    });
    const { items, problems } = records(zip);
    expect(await items).toEqual([]);
    expect(problems.map((p) => [p.object, p.reason, p.index])).toEqual([
      ["youtube.subscription", "csv", 0],
      ["save.saved_item", "csv", 0],
    ]);
    expect(problems[0]!.message).toMatch(
      /header \(Name, Colour\) has none of the object's columns/,
    );
  });

  it("reports CSV rows with another number of cells, CSV text that is not UTF-8, and a cut-off quoted cell", async () => {
    const subscriptions = "Portability/YouTube and YouTube Music/subscriptions/subscriptions.csv";
    const header = "Channel Id,Channel Url,Channel Title\n";
    const latin1 = new Uint8Array([...new TextEncoder().encode(`${header}UC1,,Caf`), 0xe9, 0x0a]);
    for (const [body, reasons] of [
      [`${header}UC1,,One\nUC2,Two\nUC3,,Three\n`, ["csv"]],
      [latin1, ["utf8"]],
      [`${header}UC1,,"cut off`, ["truncated"]],
    ] as const) {
      const { items, problems } = records(makeZip({ [subscriptions]: body }));
      await items;
      expect(problems.map((p) => p.reason)).toEqual(reasons);
    }
  });
});

describe("readRecords, bad archives", () => {
  it("refuses absolute names, drive letters and Windows-style climbs out of the folder", async () => {
    for (const name of [
      "/etc/passwd.json",
      "C:/Windows/evil.json",
      "Portability\\..\\..\\evil.json",
    ]) {
      const error = await collect(readRecords(openArchive(makeZip({ [name]: "[]" })))).catch(
        (e: unknown) => e,
      );
      expect(error, name).toBeInstanceOf(UnsafeArchiveEntryError);
    }
  });

  it("stops at the total-size and per-entry limits while inflating", async () => {
    const zip = makeZip({
      [youtube]: JSON.stringify(Array.from({ length: 2000 }, (_, i) => activity(i))),
      [search]: JSON.stringify(Array.from({ length: 2000 }, (_, i) => activity(i))),
    });
    const size = JSON.stringify(Array.from({ length: 2000 }, (_, i) => activity(i))).length;
    for (const [limits, limit] of [
      [{ maxTotalBytes: size + size / 2 }, "maxTotalBytes"],
      [{ maxEntryBytes: size / 2 }, "maxEntryBytes"],
      [{ maxEntries: 1 }, "maxEntries"],
    ] as const) {
      const error = await collect(readRecords(openArchive(zip, { limits }))).catch(
        (e: unknown) => e,
      );
      expect(error, limit).toBeInstanceOf(ArchiveTooLargeError);
      expect((error as ArchiveTooLargeError).limit).toBe(limit);
    }
  });

  it("reports a single-object JSON file that is cut off", async () => {
    const { items, problems } = records(
      makeZip({ "Portability/Chrome/Autofill.json": '{"Autofill": [{"name": "a"' }),
    );
    expect(await items).toEqual([]);
    expect(problems.map((p) => [p.object, p.reason])).toEqual([["chrome.autofill", "json"]]);
  });
});
