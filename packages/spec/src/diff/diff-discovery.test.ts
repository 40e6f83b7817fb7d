import { describe, expect, it } from "vitest";
import { loadRevision } from "../../test/support/shared-revisions.js";
import type { DiscoveryDocument } from "../converter/discovery-document.js";
import { diffDiscovery, formatSpecDiff, type SpecChange } from "./diff-discovery.js";

const subjects = (changes: SpecChange[], kind: SpecChange["kind"], change: SpecChange["change"]) =>
  changes.filter((c) => c.kind === kind && c.change === change).map((c) => c.subject);

describe("diffDiscovery", () => {
  it("reports 20241208 -> 20260105 as a major bump with the added methods, schemas, fields and scopes", () => {
    const diff = diffDiscovery(loadRevision("20241208"), loadRevision("20260105"));
    expect(diff).toMatchObject({ from: "20241208", to: "20260105", bump: "major" });
    expect(subjects(diff.changes, "method", "added")).toEqual([
      "accessType.check",
      "archiveJobs.cancel",
    ]);
    expect(subjects(diff.changes, "schema", "added").sort()).toEqual([
      "CancelPortabilityArchiveRequest",
      "CancelPortabilityArchiveResponse",
      "CheckAccessTypeRequest",
      "CheckAccessTypeResponse",
    ]);
    expect(subjects(diff.changes, "field", "added").sort()).toEqual([
      "InitiatePortabilityArchiveRequest.endTime",
      "InitiatePortabilityArchiveRequest.startTime",
      "InitiatePortabilityArchiveResponse.accessType",
      "PortabilityArchiveState.exportTime",
      "PortabilityArchiveState.startTime",
    ]);
    expect(subjects(diff.changes, "scope", "added")).toHaveLength(8);
    expect(subjects(diff.changes, "scope", "removed")).toEqual(["businessmessaging.conversations"]);
    expect(diff.changes.filter((c) => c.change === "removed").map((c) => c.kind)).toEqual([
      "scope",
    ]);
  });

  it("reports 20240319 -> 20241208: youtube.clips added, maps.post_trip_feedback removed", () => {
    const diff = diffDiscovery(loadRevision("20240319"), loadRevision("20241208"));
    expect(subjects(diff.changes, "scope", "added")).toEqual(["youtube.clips"]);
    expect(subjects(diff.changes, "scope", "removed")).toEqual(["maps.post_trip_feedback"]);
    expect(subjects(diff.changes, "method", "added")).toEqual([]);
    expect(diff.changes.filter((c) => c.detail === "description").length).toBeGreaterThan(50);
    expect(diff.bump).toBe("major");
  });

  it("calls an identical document no change", () => {
    const doc = loadRevision("20260105");
    expect(diffDiscovery(doc, structuredClone(doc))).toMatchObject({ changes: [], bump: "none" });
  });

  it("grades additions minor, text patch, and type changes or removed enum values major", () => {
    const base = loadRevision("20260105");
    const added = structuredClone(base);
    added.auth!.oauth2!.scopes![
      "https://www.googleapis.com/auth/dataportability.pixel.device_data"
    ] = {
      description: "Pixel",
    };
    expect(diffDiscovery(base, added).bump).toBe("minor");

    const text = structuredClone(base);
    text.schemas!.PortabilityArchiveState!.description = "Changed words.";
    expect(diffDiscovery(base, text).changes).toEqual([
      {
        kind: "schema",
        change: "changed",
        subject: "PortabilityArchiveState",
        detail: "description",
        bump: "patch",
      },
    ]);

    const retyped: DiscoveryDocument = structuredClone(base);
    retyped.schemas!.PortabilityArchiveState!.properties!.urls = { type: "string" };
    expect(diffDiscovery(base, retyped)).toMatchObject({
      bump: "major",
      changes: [
        {
          kind: "field",
          change: "changed",
          subject: "PortabilityArchiveState.urls",
          detail: "type",
        },
      ],
    });

    const enumRemoved = structuredClone(base);
    enumRemoved.schemas!.PortabilityArchiveState!.properties!.state!.enum!.pop();
    expect(subjects(diffDiscovery(base, enumRemoved).changes, "enum", "removed")).toEqual([
      "PortabilityArchiveState.state=CANCELLED",
    ]);
  });

  it("formats a readable summary", () => {
    const text = formatSpecDiff(diffDiscovery(loadRevision("20240319"), loadRevision("20241208")));
    expect(text.split("\n")[0]).toBe("Discovery revision 20240319 -> 20241208: major bump");
    expect(text).toContain("Scopes added (1):\n  - youtube.clips [minor]");
  });
});
