import { describe, expect, it } from "vitest";
import { CsvRowSplitter } from "./csv-row-splitter.js";

function rows(text: string, pieceSize: number) {
  const splitter = new CsvRowSplitter(1000);
  const out: string[][] = [];
  for (let at = 0; at < text.length; at += pieceSize)
    out.push(...splitter.push(text.slice(at, at + pieceSize)));
  const end = splitter.end();
  if (end.row) out.push(end.row);
  return { out, cutOff: end.cutOff };
}

describe("CsvRowSplitter", () => {
  const text =
    'title,url,note\r\n"Hello, ""world""",https://x.test/?a=1,"two\r\nlines"\nplain,,last';

  it("reads quotes, doubled quotes, CRLF and line breaks in quotes, whatever the piece size", () => {
    for (const size of [1, 2, 5, 1000]) {
      expect(rows(text, size).out).toEqual([
        ["title", "url", "note"],
        ['Hello, "world"', "https://x.test/?a=1", "two\r\nlines"],
        ["plain", "", "last"],
      ]);
    }
  });

  it("says when the text ends inside a quoted cell", () => {
    expect(rows('a,b\n"open', 2).cutOff).toBe(true);
    expect(rows('a,b\n"closed"', 2).cutOff).toBe(false);
  });
});
