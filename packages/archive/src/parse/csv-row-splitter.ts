/**
 * Splits CSV text (RFC 4180: comma-separated, `"`-quoted, `""` inside quotes, CRLF or LF
 * line ends, line breaks allowed inside quotes), fed in pieces of any size, into rows of cells.
 * Runtime-agnostic and allocation-light: archives hold CSV files of any size, read in the
 * memory of one row.
 */
export class CsvRowSplitter {
  #row: string[] = [];
  #cell = "";
  #inQuotes = false;
  /** A quote was just seen inside quotes: either the closing one or the first of `""`. */
  #quotePending = false;
  /** A CR was just seen outside quotes (the LF of CRLF may follow in the next piece). */
  #afterCr = false;
  #rowLength = 0;
  readonly #maxRowLength: number;
  tooLarge = false;

  constructor(maxRowLength: number) {
    this.#maxRowLength = maxRowLength;
  }

  /** Feeds the next piece of text; returns the rows it completed. */
  push(piece: string): string[][] {
    const rows: string[][] = [];
    let cellStart = 0;
    let i = 0;
    const length = piece.length;
    while (i < length) {
      const code = piece.charCodeAt(i);
      if (this.#inQuotes) {
        if (this.#quotePending) {
          this.#quotePending = false;
          if (code === 34) {
            // "" stands for one quote.
            this.#cell += '"';
            i++;
            cellStart = i;
            continue;
          }
          this.#inQuotes = false;
          continue; // re-read this character outside quotes
        }
        const quote = piece.indexOf('"', i);
        if (quote === -1) {
          this.#cell += piece.slice(i);
          i = length;
          cellStart = length;
          break;
        }
        this.#cell += piece.slice(i, quote);
        this.#quotePending = true;
        i = quote + 1;
        cellStart = i;
        continue;
      }
      if (this.#afterCr) {
        this.#afterCr = false;
        if (code === 10) {
          i++;
          cellStart = i;
          continue;
        }
      }
      if (code === 44 || code === 10 || code === 13) {
        this.#cell += piece.slice(cellStart, i);
        this.#row.push(this.#cell);
        this.#cell = "";
        if (code !== 44) {
          rows.push(this.#row);
          this.#row = [];
          this.#rowLength = 0;
          if (code === 13) this.#afterCr = true;
        }
        i++;
        cellStart = i;
        continue;
      }
      if (code === 34 && this.#cell === "" && cellStart === i) {
        this.#inQuotes = true;
        i++;
        cellStart = i;
        continue;
      }
      i++;
    }
    if (!this.#inQuotes && cellStart < length) this.#cell += piece.slice(cellStart);
    this.#rowLength += length;
    if (this.#rowLength > this.#maxRowLength && rows.length === 0) this.tooLarge = true;
    return rows;
  }

  /** Ends the text; returns the last row when it had no line end. True `cutOff` when inside quotes. */
  end(): { row: string[] | undefined; cutOff: boolean } {
    const cutOff = this.#inQuotes && !this.#quotePending;
    if (this.#cell !== "" || this.#row.length > 0) {
      this.#row.push(this.#cell);
      const row = this.#row;
      this.#row = [];
      this.#cell = "";
      return { row, cutOff };
    }
    return { row: undefined, cutOff };
  }
}
