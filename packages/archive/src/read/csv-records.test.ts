import type { ArchiveObjectInfo } from "@dataportability/spec/archive";
import { describe, expect, it } from "vitest";
import type { RecordProblem } from "../errors.js";
import { csvRecords } from "./csv-records.js";

// An object of the catalog's shape whose CSV column `Segments` holds JSON text.
const comments: ArchiveObjectInfo = {
  key: "test.comment",
  service: "test",
  id: "comment",
  title: "Comment",
  layout: "csv",
  formats: ["csv"],
  resourceGroups: { "youtube.comments": ["YouTube/comments.csv"] },
  sniff: ["Comment ID"],
  fields: [
    { name: "Comment ID", type: "string", required: true },
    { name: "Segments", type: "list<object>", required: false },
  ],
  check: (record) =>
    record.Segments !== undefined && !Array.isArray(record.Segments)
      ? { field: "Segments", expected: "list<object>", problem: "type" }
      : undefined,
};

async function read(text: string) {
  const problems: RecordProblem[] = [];
  const match = { resource: "youtube.comments", object: comments };
  const context = {
    entry: {
      name: "YouTube/comments.csv",
      size: undefined,
      isDirectory: false,
      body: (async function* () {
        yield new TextEncoder().encode(text);
      })(),
    },
    options: { onProblem: (problem: RecordProblem) => problems.push(problem) },
    match,
    candidates: [match],
  };
  const records: unknown[] = [];
  for await (const item of csvRecords(context, 1 << 20)) records.push(item.record);
  return { records, problems };
}

describe("csvRecords", () => {
  it("parses the JSON text of structured columns, and reports a cell that is not JSON", async () => {
    const { records, problems } = await read(
      'Comment ID,Segments\nc1,"[{""text"":""Nice ""},{""text"":""video""}]"\nc2,\nc3,plain text\nc4,"{""text"":""x""}"\n',
    );
    expect(records).toEqual([
      { "Comment ID": "c1", Segments: [{ text: "Nice " }, { text: "video" }] },
      { "Comment ID": "c2" },
    ]);
    expect(problems.map((p) => [p.index, p.reason, p.issue?.field])).toEqual([
      [2, "json", "Segments"],
      [3, "field", "Segments"],
    ]);
  });
});
