import { describe, expect, it } from "vitest";
import { JsonArraySplitter } from "./json-array-splitter.js";

function split(text: string, pieceSize: number) {
  const splitter = new JsonArraySplitter(1000);
  const elements: string[] = [];
  for (let at = 0; at < text.length; at += pieceSize)
    elements.push(...splitter.push(text.slice(at, at + pieceSize)));
  return { elements, splitter };
}

describe("JsonArraySplitter", () => {
  const text = '\uFEFF [ {"a":"x,]}\\"y","b":[1,{"c":"\\\\"}]} , 2 ,"s\\"]"\n, [3] ]  \n';

  it("splits elements at top-level commas, whatever the piece size", () => {
    for (const size of [1, 2, 3, 7, 1000]) {
      const { elements, splitter } = split(text, size);
      expect(elements.map((e) => JSON.parse(e))).toEqual([
        { a: 'x,]}"y', b: [1, { c: "\\" }] },
        2,
        's"]',
        [3],
      ]);
      expect(splitter.unfinished).toBe(false);
      expect(splitter.problem).toBeUndefined();
    }
  });

  it("yields nothing for an empty array and an empty element for a trailing comma", () => {
    expect(split("[]", 1).elements).toEqual([]);
    expect(split("[1,]", 1).elements).toEqual(["1", ""]);
  });

  it("reports a text that is not an array, or goes on after it", () => {
    expect(split('{"a":1}', 3).splitter.problem).toBe("not-an-array");
    expect(split("[1] [2]", 3).splitter.problem).toBe("after-end");
  });

  it("says when the array is cut off, with the cut element's text", () => {
    const { elements, splitter } = split('[{"a":1},{"a":', 4);
    expect(elements).toEqual(['{"a":1}']);
    expect(splitter.unfinished).toBe(true);
    expect(splitter.rest).toBe('{"a":');
  });

  it("refuses an element longer than its limit instead of holding it", () => {
    const splitter = new JsonArraySplitter(10);
    splitter.push(`["${"x".repeat(50)}`);
    expect(splitter.problem).toBe("too-large");
  });

  it("finds the array at a key of the top-level object and passes the rest over", () => {
    const text =
      '{"Meta": {"x": [1, {"Browser History": 2}]}, "Note": "a\\"]", "Browser History": [{"url":"u1"}, {"url":"u2"}], "Tail": [3]}';
    for (const size of [1, 3, 7, 1000]) {
      const splitter = new JsonArraySplitter(1000, "Browser History");
      const elements: string[] = [];
      for (let at = 0; at < text.length; at += size)
        elements.push(...splitter.push(text.slice(at, at + size)));
      expect(elements.map((e) => JSON.parse(e))).toEqual([{ url: "u1" }, { url: "u2" }]);
      expect(splitter.problem).toBeUndefined();
      expect(splitter.unfinished).toBe(false);
    }
  });

  it("says when the top-level object has no array at the key", () => {
    const splitter = new JsonArraySplitter(1000, "features");
    splitter.push('{"type": "FeatureCollection", "other": []}');
    expect(splitter.problem).toBe("no-array-at-key");
    const notObject = new JsonArraySplitter(1000, "features");
    notObject.push("[1, 2]");
    expect(notObject.problem).toBe("not-an-array");
  });
});
