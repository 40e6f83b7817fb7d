import { JsonArraySplitter } from "../parse/json-array-splitter.js";
import {
  checked,
  decodedText,
  type FileContext,
  recordItem,
  report,
  StopFile,
} from "./file-context.js";

/** The records of a JSON array file, streamed: the array is never held whole. */
export async function* jsonArrayRecords(context: FileContext, maxLength: number) {
  const splitter = new JsonArraySplitter(maxLength, context.candidates[0]?.object.recordsAt);
  let index = 0;
  const parse = function* (texts: string[]) {
    for (const text of texts) {
      let value: unknown;
      try {
        value = JSON.parse(text);
      } catch {
        if (!context.match) throw new StopFile();
        report(context, { index, reason: "json", message: "the record is not valid JSON" });
        index++;
        continue;
      }
      const record = checked(context, value, index);
      if (record) yield recordItem(context, index, record);
      index++;
    }
  };
  for await (const text of decodedText(context, () => index)) {
    yield* parse(splitter.push(text));
    if (splitter.problem) break;
  }
  if (splitter.problem === "too-large") {
    report(context, {
      index,
      reason: "format",
      message: `a record is longer than ${maxLength} characters; the rest of the file is skipped`,
    });
  } else if (splitter.problem) {
    if (!context.match) throw new StopFile();
    const recordsAt = context.match.object.recordsAt;
    const message =
      splitter.problem === "not-an-array"
        ? recordsAt === undefined
          ? "the file is not a JSON array"
          : "the file is not a JSON object"
        : splitter.problem === "no-array-at-key"
          ? `the file has no array at ${JSON.stringify(recordsAt)}`
          : "the file goes on after its JSON array ends";
    report(context, { index, reason: "format", message });
  } else if (splitter.unfinished && (splitter.rest !== "" || index > 0)) {
    report(context, {
      index,
      reason: "truncated",
      message: "the file is cut off inside its JSON array",
    });
  }
}

/** The one record of a single-object JSON file. */
export async function* jsonObjectRecord(context: FileContext, maxLength: number) {
  let text = "";
  for await (const piece of decodedText(context, () => 0)) {
    text += piece;
    if (text.length > maxLength) {
      report(context, {
        index: 0,
        reason: "format",
        message: `the file is longer than ${maxLength} characters`,
      });
      return;
    }
  }
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    if (!context.match) throw new StopFile();
    report(context, {
      index: 0,
      reason: "json",
      message: "the file is not valid JSON (cut off or corrupted)",
    });
    return;
  }
  const record = checked(context, value, 0);
  if (record) yield recordItem(context, 0, record);
}
