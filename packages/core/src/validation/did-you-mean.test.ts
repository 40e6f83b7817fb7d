import { describe, expect, it } from "vitest";
import { RESOURCES } from "../resources/resources.js";
import { didYouMean, editDistance } from "./did-you-mean.js";

describe("editDistance", () => {
  it("counts insertions, deletions and substitutions", () => {
    expect(editDistance("", "abc")).toBe(3);
    expect(editDistance("kitten", "sitting")).toBe(3);
    expect(editDistance("same", "same")).toBe(0);
  });
});

describe("didYouMean", () => {
  it("finds likely typos among the resources", () => {
    expect(didYouMean("myactivity.youtub", RESOURCES)).toBe("myactivity.youtube");
    expect(didYouMean("Youtube.Comments", RESOURCES)).toBe("youtube.comments");
    expect(didYouMean("chrome.bookmark", RESOURCES)).toBe("chrome.bookmarks");
  });

  it("stays quiet when nothing is close", () => {
    expect(didYouMean("photos", RESOURCES)).toBeUndefined();
  });

  // Comparing all of a 1 MB input with every resource would take seconds: only its start counts.
  it("compares only the first 99 characters of a huge input", () => {
    const start = "a".repeat(99);
    expect(didYouMean(start + "b".repeat(1_000_000), [start])).toBe(start);
    expect(didYouMean("x".repeat(1_000_000), RESOURCES)).toBeUndefined();
  });
});
