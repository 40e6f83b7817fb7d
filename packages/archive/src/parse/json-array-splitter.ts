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

/** Why the text around the elements is not one JSON array (or has none at the asked key). */
export type ArraySyntaxProblem = "not-an-array" | "no-array-at-key" | "after-end" | "too-large";

/**
 * Splits the text of one JSON array, fed in pieces of any size, into the texts of its
 * elements, which `JSON.parse` then reads one at a time: a file of any size is read with the
 * memory of its largest element. It only tracks nesting and strings; each element's own syntax
 * is left to `JSON.parse`, so a broken element is reported alone and the next one still reads.
 * With `recordsAt`, the array is the value of that key of the text's top-level object
 * (`{"Browser History": [...]}`); the rest of the object is passed over.
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
  readonly #recordsAt: string | undefined;
  /** While looking for the `recordsAt` key: nesting inside the top-level object. */
  #wrapperDepth = 0;
  #expectingKey = false;
  #lastKey: string | undefined;
  #hadElement = false;
  problem: ArraySyntaxProblem | undefined;

  constructor(maxElementLength: number, recordsAt?: string) {
    this.#maxElementLength = maxElementLength;
    this.#recordsAt = recordsAt;
  }

  /**
   * Walks the top-level object up to the `[` of the `recordsAt` key's value; true once found
   * (scanning then goes on inside the array), false when more text is needed.
   */
  #seek(): boolean {
    const text = this.#text;
    let at = this.#at;
    while (at < text.length) {
      const code = text.charCodeAt(at);
      if (this.#inString) {
        const quote = text.indexOf('"', at);
        if (quote === -1) break;
        let backslashes = 0;
        while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes++;
        at = quote + 1;
        if (backslashes % 2 === 0) {
          this.#inString = false;
          if (this.#wrapperDepth === 1 && this.#expectingKey) {
            this.#lastKey = JSON.parse(text.slice(this.#start, at)) as string;
            this.#expectingKey = false;
          }
        }
        continue;
      }
      if (isSpace(code) || code === 58 /* : */) {
        at++;
        continue;
      }
      if (this.#wrapperDepth === 0) {
        if (code !== OPEN_BRACE) {
          this.problem = "not-an-array";
          return false;
        }
        this.#wrapperDepth = 1;
        this.#expectingKey = true;
        at++;
        continue;
      }
      if (code === QUOTE) {
        this.#inString = true;
        this.#start = at;
      } else if (
        code === OPEN_BRACKET &&
        this.#wrapperDepth === 1 &&
        this.#lastKey === this.#recordsAt
      ) {
        this.#depth = 1;
        this.#at = at + 1;
        this.#start = at + 1;
        return true;
      } else if (code === OPEN_BRACE || code === OPEN_BRACKET) {
        this.#wrapperDepth++;
      } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
        this.#wrapperDepth--;
        if (this.#wrapperDepth === 0) {
          this.problem = "no-array-at-key";
          return false;
        }
      } else if (code === COMMA && this.#wrapperDepth === 1) {
        this.#expectingKey = true;
        this.#lastKey = undefined;
      }
      at++;
    }
    this.#at = at;
    if (!this.#inString) this.#start = at;
    return false;
  }

  /** Feeds the next piece of text; returns the elements it completed. */
  push(piece: string): string[] {
    if (this.problem) return [];
    this.#text = this.#start === 0 ? this.#text + piece : this.#text.slice(this.#start) + piece;
    this.#at -= this.#start;
    this.#start = 0;
    if (this.#recordsAt !== undefined && this.#depth === 0 && !this.#seek()) {
      if (!this.problem && this.#text.length - this.#start > this.#maxElementLength) {
        this.problem = "too-large";
      }
      return [];
    }
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
      if (depth === -1 && this.#recordsAt !== undefined) {
        // The rest of the wrapping object: not records, passed over.
        at = length;
        this.#start = at;
        break;
      }
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

  /** True when the text ended inside the array (cut off), or before it started. */
  get unfinished(): boolean {
    return this.#depth !== -1;
  }

  /** Text of the element that was cut off, if any. */
  get rest(): string {
    return this.#text.slice(this.#start).trim();
  }
}
