import type { Resource } from "@dataportability/spec";
import { hash32Pair } from "../emulator/seeded-random.js";
import { mediaPlaceholder } from "./media-placeholder.js";
import type { FixedFileShape } from "./record-shape.js";
import { jsonObjectBytes } from "./record-text.js";

/** A file of an archive whose bytes are made once, up front: media, HTML, a single JSON object. */
export interface FixedFileSpec {
  readonly resource: Resource;
  /** The catalog object the file holds (`service.object`). */
  readonly key: string;
  readonly bytes: Uint8Array;
}

/** Files written per media object, per archive, where its pattern allows a number. */
export const MEDIA_FILES = 2;

/** Links in a generated HTML page. */
const HTML_LINKS = 8;

const WORDS = ["river", "garden", "piano", "coffee", "recipe", "travel", "museum", "jazz"];

const escapeHtml = (text: string) => text.replace(/[&<>"]/g, (c) => `&#${c.charCodeAt(0)};`);

// Chrome exports bookmarks (and its reading list) as a Netscape bookmark file: links with their
// time added in Unix seconds.
function htmlPage(title: string, seed: number, fromMs: number, toMs: number): Uint8Array {
  const lines = [
    "<!DOCTYPE NETSCAPE-Bookmark-file-1>",
    '<META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=UTF-8">',
    `<TITLE>${escapeHtml(title)}</TITLE>`,
    `<H1>${escapeHtml(title)}</H1>`,
    "<DL><p>",
  ];
  for (let i = 0; i < HTML_LINKS; i++) {
    const h = hash32Pair(seed, i);
    const words = [WORDS[h % 8]!, WORDS[(h >>> 3) % 8]!];
    const ms = toMs - Math.floor(((toMs - fromMs) * (i + 0.5)) / HTML_LINKS);
    lines.push(
      `    <DT><A HREF="https://www.google.com/search?q=${words.join("+")}" ADD_DATE="${Math.floor(ms / 1000)}">${words.join(" ")}</A>`,
    );
  }
  lines.push("</DL><p>", "");
  return new TextEncoder().encode(lines.join("\n"));
}

/**
 * The bytes of one file of an object without records: a JSON object of the catalog's fields
 * (its timestamps inside [fromMs, toMs]), an HTML page of links added inside the window, or a
 * small valid media file of the format the file's extension names.
 *
 * @example
 * ```ts
 * const [shape] = fixedShapes("chrome.bookmarks");
 * fixedFileBytes(shape!, "Portability/Chrome/Bookmarks.html", "chrome.bookmarks", 7, from, to);
 * ```
 */
export function fixedFileBytes(
  shape: FixedFileShape,
  name: string,
  resource: Resource,
  seed: number,
  fromMs: number,
  toMs: number,
): Uint8Array {
  switch (shape.layout) {
    case "json-object": {
      const ms = fromMs + Math.floor((toMs - fromMs) * (hash32Pair(seed, 1) / 2 ** 32));
      return jsonObjectBytes(shape.fields, resource, seed, ms);
    }
    case "html":
      return htmlPage(shape.title, seed, fromMs, toMs);
    case "media":
      return mediaPlaceholder(name, shape.key);
  }
}
