import { readdir, stat } from "node:fs/promises";
import path from "node:path";
import type { ArchiveRecord, RecordProblem } from "@dataportability/archive";
import { type Command, Option } from "commander";
import { archiveRecords, recordLine } from "../archives/records-file.js";
import { usageError } from "../errors/cli-error.js";
import type { CliContext } from "../program/cli-context.js";
import { examples } from "../program/help-text.js";
import { parseResources } from "../program/parse-input.js";

/** How `records` prints: one JSON object a line, a CSV table, or an aligned table for people. */
export type RecordsFormat = "ndjson" | "csv" | "table";

/** The zip files a path names: the file itself, or every `.zip` in a folder (sorted). */
async function archivesAt(file: string): Promise<string[]> {
  const info = await stat(file).catch(() => undefined);
  if (!info)
    throw usageError(
      `${file} does not exist`,
      "Give a downloaded archive (.zip) or the folder that holds them.",
    );
  if (!info.isDirectory()) return [file];
  const names = (await readdir(file)).filter((name) => name.toLowerCase().endsWith(".zip")).sort();
  if (names.length === 0)
    throw usageError(
      `${file} holds no .zip archive`,
      "Point at the folder `export` or `download` wrote to.",
    );
  return names.map((name) => path.join(file, name));
}

function csvCell(value: unknown): string {
  const text = value === undefined ? "" : typeof value === "string" ? value : JSON.stringify(value);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** Writes records as CSV: the first record's fields make the header; records of another object are refused. */
class CsvWriter {
  #columns: string[] | undefined;
  #object: string | undefined;

  constructor(private readonly write: (line: string) => void) {}

  add(item: ArchiveRecord): void {
    if (!this.#columns) {
      this.#object = item.object;
      this.#columns = Object.keys(item.record);
      this.write(["resource", "file", "index", ...this.#columns].map(csvCell).join(","));
    }
    if (item.object !== this.#object) {
      throw usageError(
        `--format csv holds one kind of record; ${item.file} has ${item.object} after ${this.#object}`,
        "Narrow the resource groups with --resource, or use --format ndjson.",
      );
    }
    const record = item.record as Readonly<Record<string, unknown>>;
    const extra = Object.keys(record).filter((key) => !this.#columns!.includes(key));
    const cells = this.#columns.map((column) => record[column]);
    if (extra.length > 0) cells.push(Object.fromEntries(extra.map((key) => [key, record[key]])));
    this.write([item.resource, item.file, item.index, ...cells].map(csvCell).join(","));
  }
}

function tableLine(item: ArchiveRecord, width: number): string {
  const record = item.record as Readonly<Record<string, unknown>>;
  const summary = Object.entries(record)
    .map(([key, value]) => `${key}=${typeof value === "string" ? value : JSON.stringify(value)}`)
    .join("  ");
  const line = `${item.resource.padEnd(22)} ${String(item.index).padStart(6)}  ${summary}`;
  return line.length > width ? `${line.slice(0, width - 1)}…` : line;
}

/**
 * Adds `records <archive | folder>...`: the records in downloaded archives, typed and checked
 * against the archive catalog, printed as NDJSON (default), CSV or a table. Archives are
 * streamed, so memory stays flat whatever their size. Records that fail their checks are
 * reported on stderr and skipped (`--strict` stops at the first one).
 *
 * @example
 * ```ts
 * registerRecords(program, ctx); // dataportability records ./exports -r myactivity.youtube
 * ```
 */
export function registerRecords(program: Command, ctx: CliContext): void {
  program
    .command("records")
    .summary("print the records in downloaded archives")
    .description(
      "Read downloaded archives (zip files, or folders of them) as records, checked against the archive\n" +
        "catalog: one JSON object a line (default), CSV, or a table. Media files are not printed.",
    )
    .argument("<archives...>", "archive files (.zip) or folders that hold them")
    .option(
      "-r, --resource <name...>",
      "only these resource groups (repeat, or comma-separate; group.* for a whole group)",
    )
    .addOption(
      new Option("--format <format>", "how to print")
        .choices(["ndjson", "csv", "table"])
        .default("ndjson"),
    )
    .option(
      "--strict",
      "stop at the first record that fails its checks (exit 1) instead of skipping it",
    )
    .addHelpText(
      "after",
      examples([
        ["dataportability records ./exports", "every record, one JSON object a line"],
        [
          "dataportability records ./exports -r myactivity.youtube --format csv > youtube.csv",
          "YouTube activity as CSV",
        ],
        ["dataportability records archive-001.zip --format table", "a quick look"],
      ]),
    )
    .action(
      async (
        paths: string[],
        options: { resource?: string[]; format: RecordsFormat; strict?: boolean },
      ) => {
        const resources = options.resource ? parseResources(options.resource) : undefined;
        const files = (await Promise.all(paths.map((p) => archivesAt(ctx.resolvePath(p))))).flat();
        const write = (line: string) => void ctx.io.stdout.write(`${line}\n`);
        const csv = options.format === "csv" ? new CsvWriter(write) : undefined;
        let records = 0;
        let problems = 0;
        const onProblem = (problem: RecordProblem) => {
          problems++;
          ctx.out.warn(
            `${path.basename(problem.file)} record ${problem.index}: ${problem.message} (skipped)`,
          );
        };
        for (const file of files) {
          for await (const item of archiveRecords(file, {
            resources,
            strict: options.strict === true,
            onProblem,
          })) {
            if (ctx.signal.aborted) return;
            records++;
            if (csv) csv.add(item);
            else if (options.format === "table") write(tableLine(item, ctx.out.columns));
            else ctx.io.stdout.write(recordLine(item));
          }
        }
        ctx.out.note(
          `${records} records from ${files.length} archive${files.length === 1 ? "" : "s"}${problems ? `, ${problems} skipped` : ""}`,
        );
      },
    );
}
