import { describe, expect, it } from "vitest";
import { RESOURCES } from "./resources.js";
import { supportsTimeFilter, TIME_FILTER_RESOURCES } from "./time-filter.js";

describe("supportsTimeFilter", () => {
  it("holds for every My Activity group and Chrome history", () => {
    const activity = RESOURCES.filter((resource) => resource.startsWith("myactivity."));
    expect(activity.length).toBeGreaterThan(0);
    for (const resource of [...activity, "chrome.history"]) {
      expect(supportsTimeFilter(resource), resource).toBe(true);
    }
    expect([...TIME_FILTER_RESOURCES].sort()).toEqual([...activity, "chrome.history"].sort());
  });

  it("is false for other groups and for names it does not know", () => {
    for (const resource of [
      "chrome.bookmarks",
      "youtube.comments",
      "saved.collections",
      "myactivity",
    ]) {
      expect(supportsTimeFilter(resource), resource).toBe(false);
    }
  });
});
