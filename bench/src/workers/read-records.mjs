/**
 * Reads every record of one archive file in its own process, so the bench can read this
 * process's peak memory. argv[2]: JSON `{ file, mode }`: `"stream"` uses @dataportability/archive
 * on a file stream; `"naive"` inflates each entry whole and `JSON.parse`s it (the way a script
 * without a streaming reader does it); `"idle"` only loads the library. Prints one JSON line
 * `{ records, ms, maxRssBytes }`. Plain JavaScript: no TypeScript loader in the process.
 */
import { createReadStream } from "node:fs";
import { readFile } from "node:fs/promises";
import { openArchive, readRecords } from "@dataportability/archive";
import { unzipSync } from "fflate";

const { file, mode } = JSON.parse(process.argv[2] ?? "{}");

let records = 0;
const start = process.hrtime.bigint();
if (mode === "stream") {
  for await (const item of readRecords(
    openArchive(createReadStream(file, { highWaterMark: 1 << 20 })),
  )) {
    if (item.kind === "record") records++;
  }
} else if (mode === "naive") {
  const files = unzipSync(await readFile(file), {
    filter: (entry) => entry.name.endsWith(".json"),
  });
  for (const bytes of Object.values(files)) {
    const value = JSON.parse(new TextDecoder().decode(bytes));
    if (Array.isArray(value)) records += value.length;
  }
}
const ms = Number(process.hrtime.bigint() - start) / 1e6;
process.stdout.write(
  `${JSON.stringify({ records, ms, maxRssBytes: process.resourceUsage().maxRSS * 1024 })}\n`,
);
