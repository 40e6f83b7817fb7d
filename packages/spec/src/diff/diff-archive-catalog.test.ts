import { describe, expect, it } from "vitest";
import type { ArchiveService } from "../archive/archive-catalog.js";
import { diffArchiveCatalog } from "./diff-archive-catalog.js";

const service = (objects: ArchiveService["objects"]): ArchiveService => ({
  service: "my_activity",
  title: "My Activity",
  page: "https://developers.google.com/data-portability/schema-reference/my_activity",
  read: "2026-12-06",
  objects,
});
const activity = (
  fields: ArchiveService["objects"][number]["fields"],
  groups = ["myactivity.youtube"],
) => ({
  id: "activity",
  title: "Activity",
  summary: "One thing the user did.",
  formats: ["json"],
  layout: "json-array" as const,
  resourceGroups: Object.fromEntries(groups.map((group) => [group, ["My Activity/*/*.json"]])),
  fields,
});

describe("diffArchiveCatalog", () => {
  it("finds nothing between equal catalogs", () => {
    const catalog = [service([activity([{ name: "time", type: "timestamp" }])])];
    expect(diffArchiveCatalog(catalog, structuredClone(catalog))).toEqual([]);
  });

  it("calls added objects, fields and groups minor, and removed or retyped ones major", () => {
    const before = [
      service([
        activity([
          { name: "time", type: "timestamp" },
          { name: "title", type: "string" },
        ]),
      ]),
    ];
    const after = [
      service([
        activity(
          [
            { name: "time", type: "string" },
            { name: "titleUrl", type: "url" },
          ],
          ["myactivity.youtube", "myactivity.search"],
        ),
        { ...activity([]), id: "image", layout: "media" as const },
      ]),
    ];
    expect(diffArchiveCatalog(before, after)).toEqual([
      {
        kind: "archive-object",
        change: "changed",
        subject: "my_activity.activity",
        detail: "resource groups added: myactivity.search",
        bump: "minor",
      },
      {
        kind: "archive-field",
        change: "changed",
        subject: "my_activity.activity.time",
        detail: "type timestamp -> string",
        bump: "major",
      },
      {
        kind: "archive-field",
        change: "added",
        subject: "my_activity.activity.titleUrl",
        bump: "minor",
      },
      {
        kind: "archive-field",
        change: "removed",
        subject: "my_activity.activity.title",
        bump: "major",
      },
      { kind: "archive-object", change: "added", subject: "my_activity.image", bump: "minor" },
    ]);
    expect(diffArchiveCatalog(after, before).filter((c) => c.change === "removed")).toEqual([
      {
        kind: "archive-field",
        change: "removed",
        subject: "my_activity.activity.titleUrl",
        bump: "major",
      },
      { kind: "archive-object", change: "removed", subject: "my_activity.image", bump: "major" },
    ]);
  });
});
