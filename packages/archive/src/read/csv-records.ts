import { holdsJsonInCsv } from "@dataportability/spec/archive";
import { looksLike } from "../match/object-matcher.js";
import { CsvRowSplitter } from "../parse/csv-row-splitter.js";
import {
  checked,
  decide,
  decodedText,
  type FileContext,
  recordItem,
  report,
  StopFile,
} from "./file-context.js";

/** The most rows before the header that the file's possible objects allow (a preamble). */
function preambleRows(context: FileContext): number {
  const objects = context.match ? [context.match] : context.candidates;
  return Math.max(0, ...objects.map((candidate) => candidate.object.preambleRows ?? 0));
}

/** Whether a row could be the header of one of the file's possible objects. */
function couldBeHeader(context: FileContext, row: readonly string[]): boolean {
  const objects = context.match ? [context.match] : context.candidates;
  return objects.some((candidate) => looksLike(row, candidate.object));
}

/**
 * The records of a CSV file, row by row, named after its header. Rows before the header are
 * skipped where the catalog allows a preamble; cells of structured fields hold JSON text and are
 * parsed (a cell that is not JSON is reported, and its record skipped).
 */
export async function* csvRecords(context: FileContext, maxLength: number) {
  const splitter = new CsvRowSplitter(maxLength);
  const preamble = preambleRows(context);
  let header: string[] | undefined;
  let jsonColumns: ReadonlySet<string> = new Set();
  let rowsBefore = 0;
  let index = 0;
  const rowsToRecords = function* (rows: string[][]) {
    for (const row of rows) {
      if (!header) {
        const raw = row.map((cell, i) =>
          i === 0 && rowsBefore === 0 ? cell.replace(/^\uFEFF/, "") : cell,
        );
        if (rowsBefore < preamble && !couldBeHeader(context, raw)) {
          rowsBefore++;
          continue;
        }
        decide(context, raw);
        const { object } = context.match!;
        // Column names change case between export dates: each takes the catalog's spelling.
        const names = new Map(object.fields.map((f) => [f.name.toLowerCase(), f.name]));
        header = raw.map((cell) => names.get(cell.toLowerCase()) ?? cell);
        if (!looksLike(header, object)) {
          report(context, {
            index: 0,
            reason: "csv",
            message: `the header (${header.join(", ")}) has none of the object's columns (${object.fields.map((f) => f.name).join(", ")})`,
          });
          throw new StopFile();
        }
        jsonColumns = new Set(
          object.fields.filter((f) => holdsJsonInCsv(f.type)).map((f) => f.name),
        );
        continue;
      }
      if (row.length === 1 && row[0] === "") continue;
      if (row.length !== header.length) {
        report(context, {
          index,
          reason: "csv",
          message: `the row has ${row.length} cells; the header has ${header.length}`,
        });
        index++;
        continue;
      }
      const record = cellsToRecord(context, header, row, jsonColumns, index);
      const valid = record && checked(context, record, index);
      if (valid) yield recordItem(context, index, valid);
      index++;
    }
  };
  for await (const text of decodedText(context, () => index)) {
    yield* rowsToRecords(splitter.push(text));
    if (splitter.tooLarge) {
      report(context, {
        index,
        reason: "csv",
        message: `a row is longer than ${maxLength} characters; the rest of the file is skipped`,
      });
      return;
    }
  }
  const { row, cutOff } = splitter.end();
  if (cutOff) {
    report(context, {
      index,
      reason: "truncated",
      message: "the file is cut off inside a quoted cell",
    });
    return;
  }
  if (row) yield* rowsToRecords([row]);
}

/** A row as a record: empty cells left out, JSON cells parsed; undefined (reported) if one is not JSON. */
function cellsToRecord(
  context: FileContext,
  header: readonly string[],
  row: readonly string[],
  jsonColumns: ReadonlySet<string>,
  index: number,
): Record<string, unknown> | undefined {
  const record: Record<string, unknown> = {};
  for (let i = 0; i < header.length; i++) {
    const name = header[i]!;
    const cell = row[i]!;
    if (cell === "") continue;
    if (!jsonColumns.has(name)) {
      record[name] = cell;
      continue;
    }
    try {
      record[name] = JSON.parse(cell);
    } catch {
      const expected = context.match!.object.fields.find((f) => f.name === name)!.type;
      report(context, {
        index,
        reason: "json",
        issue: { field: name, expected, problem: "type" },
        message: `field ${name} does not hold JSON text`,
      });
      return undefined;
    }
  }
  return record;
}
