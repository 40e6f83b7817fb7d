const QUOTE = 34;
const BACKSLASH = 92;
const OPEN_BRACE = 123;
const CLOSE_BRACE = 125;
const OPEN_BRACKET = 91;
const CLOSE_BRACKET = 93;
const COMMA = 44;

function isSpace(code: number): boolean {
  return code === 32 || code === 10 || code === 13 || code === 9 || code === 0xfeff;
}

/** Why the text around the elements is not one JSON array. */
export type ArraySyntaxProblem = "not-an-array" | "after-end" | "too-large";

/**
 * Splits the text of one JSON array, fed in pieces of any size, into the texts of its
 * elements, which `JSON.parse` then reads one at a time: a file of any size is read with the
 * memory of its largest element. It only tracks nesting and strings; each element's own syntax
 * is left to `JSON.parse`, so a broken element is reported alone and the next one still reads.
 */
export class JsonArraySplitter {
  #text = "";
  /** Where the current element starts in `#text`. */
  #start = 0;
  /** Where scanning resumes in `#text`. */
  #at = 0;
  /** 0 before `[`, 1 between elements, more inside one; -1 after the closing `]`. */
  #depth = 0;
  #inString = false;
  readonly #maxElementLength: number;
  problem: ArraySyntaxProblem | undefined;

  constructor(maxElementLength: number) {
    this.#maxElementLength = maxElementLength;
  }

  /** Feeds the next piece of text; returns the elements it completed. */
  push(piece: string): string[] {
    if (this.problem) return [];
    this.#text = this.#start === 0 ? this.#text + piece : this.#text.slice(this.#start) + piece;
    this.#at -= this.#start;
    this.#start = 0;
    const elements: string[] = [];
    const text = this.#text;
    let at = this.#at;
    let depth = this.#depth;
    let inString = this.#inString;
    const length = text.length;
    while (at < length) {
      if (inString) {
        const quote = text.indexOf('"', at);
        if (quote === -1) {
          at = length;
          break;
        }
        let backslashes = 0;
        while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
        at = quote + 1;
        if (backslashes % 2 === 0) inString = false;
        continue;
      }
      const code = text.charCodeAt(at);
      if (depth <= 0) {
        if (isSpace(code)) {
          at++;
          this.#start = at;
          continue;
        }
        if (depth === 0 && code === OPEN_BRACKET) {
          depth = 1;
          at++;
          this.#start = at;
          continue;
        }
        this.problem = depth === 0 ? "not-an-array" : "after-end";
        break;
      }
      if (code === QUOTE) {
        inString = true;
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        depth++;
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        depth--;
        if (depth === 0) {
          // The array's closing bracket.
          const last = text.slice(this.#start, at).trim();
          if (last !== "" || elements.length > 0 || this.#hadElement) elements.push(last);
          depth = -1;
          this.#start = at + 1;
        }
      } else if (code === COMMA && depth === 1) {
        elements.push(text.slice(this.#start, at).trim());
        this.#hadElement = true;
        this.#start = at + 1;
      }
      at++;
    }
    this.#at = at;
    this.#depth = depth;
    this.#inString = inString;
    if (elements.length > 0) this.#hadElement = true;
    if (!this.problem && this.#text.length - this.#start > this.#maxElementLength) {
      this.problem = "too-large";
    }
    return elements;
  }

  #hadElement = false;

  /** True when the text ended inside the array (cut off), or before it started. */
  get unfinished(): boolean {
    return this.#depth !== -1;
  }

  /** Text of the element that was cut off, if any. */
  get rest(): string {
    return this.#text.slice(this.#start).trim();
  }
}
