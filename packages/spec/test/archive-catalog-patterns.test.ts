import { describe, expect, it } from "vitest";
import { loadArchiveCatalog } from "../../../scripts/archive-catalog-source.js";
import { claims, samplePaths } from "./support/pattern-overlap.js";

/**
 * Pairs of objects (`service.object`, sorted, space-separated) whose name patterns claim the
 * same files on purpose, with the reason. The reader hands a file to the first object in
 * catalog order whose pattern claims it, so any other shared path reaches the wrong object.
 */
const INTENDED_OVERLAPS: Readonly<Record<string, string>> = {};

describe("the archive catalog's name patterns", () => {
  it("describe paths as the reader matches them", () => {
    expect(samplePaths("{Shopping,Google Shopping}/*address*.csv")).toContain(
      "Google Shopping/x1addressx1.csv",
    );
    expect(samplePaths("Maps/**/*.json")).toEqual(
      expect.arrayContaining(["Maps/.json", "Maps/x1/x1.json"]),
    );
    expect(claims("My Activity/YouTube/*.json", "Takeout/My Activity/YouTube/a.JSON")).toBe(true);
    expect(claims("Maps/**/*review*.json", "Maps (your places)/Reviews.json")).toBe(false);
    expect(claims("YouTube/**/videos*.csv", "YouTube/playlists/Fun-videos.csv")).toBe(false);
    // A pattern that swallows its service's folder takes the other objects' files.
    expect(samplePaths("Nest/**/*event*.json").some((path) => claims("Nest/**/*.json", path))).toBe(
      true,
    );
  });

  it("give no path of one object to another object unless intended", async () => {
    const objects = (await loadArchiveCatalog()).flatMap((service) =>
      service.objects.map((object) => ({
        key: `${service.service}.${object.id}`,
        patterns: [...new Set(Object.values(object.resourceGroups).flat())],
      })),
    );
    const shared: string[] = [];
    for (const object of objects) {
      for (const path of object.patterns.flatMap(samplePaths)) {
        for (const other of objects) {
          const pair = [object.key, other.key].sort().join(" ");
          if (other === object || pair in INTENDED_OVERLAPS) continue;
          const claim = other.patterns.find((pattern) => claims(pattern, path));
          if (claim) shared.push(`${path}: ${object.key}, and ${other.key} by ${claim}`);
        }
      }
    }
    expect(shared).toEqual([]);
  });
});
