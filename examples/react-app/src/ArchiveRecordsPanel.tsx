import { openArchive, type RecordProblem, readRecords } from "@dataportability/archive";
import { useState } from "react";

const SHOWN = 100;

interface Reading {
  file: string;
  records: number;
  byResource: Record<string, number>;
  rows: { key: string; resource: string; time: string; title: string }[];
  problems: RecordProblem[];
  error?: string;
  done: boolean;
}

/**
 * Reads an archive the user picks, in the browser (nothing is uploaded), and shows its records:
 * counts per resource group and the first rows of a table. The archive is streamed from the
 * file, so even a multi-GB archive does not fill the tab's memory.
 */
export function ArchiveRecordsPanel() {
  const [reading, setReading] = useState<Reading | undefined>();

  const read = async (file: File) => {
    const state: Reading = {
      file: file.name,
      records: 0,
      byResource: {},
      rows: [],
      problems: [],
      done: false,
    };
    setReading({ ...state });
    try {
      for await (const item of readRecords(openArchive(file), {
        onProblem: (problem) => state.problems.push(problem),
        files: false,
      })) {
        if (item.kind !== "record") continue;
        state.records++;
        state.byResource[item.resource] = (state.byResource[item.resource] ?? 0) + 1;
        if (state.rows.length < SHOWN) {
          const record = item.record as Readonly<Record<string, unknown>>;
          state.rows.push({
            key: `${item.file}#${item.index}`,
            resource: item.resource,
            time: String(record["time"] ?? ""),
            title: String(record["title"] ?? JSON.stringify(record).slice(0, 80)),
          });
        }
        if (state.records % 5000 === 0) setReading({ ...state });
      }
    } catch (error) {
      state.error = error instanceof Error ? error.message : String(error);
    }
    setReading({ ...state, done: true });
  };

  return (
    <>
      <label>
        Archive (.zip){" "}
        <input
          type="file"
          accept=".zip,application/zip"
          data-testid="archive-file"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void read(file);
          }}
        />
      </label>
      {reading && (
        <div data-testid="records" data-done={reading.done}>
          <p data-testid="records-summary">
            {reading.file}: {reading.records} records
            {Object.entries(reading.byResource).map(
              ([resource, count]) => ` · ${resource} ${count}`,
            )}
            {reading.problems.length > 0 && ` · ${reading.problems.length} skipped`}
          </p>
          {reading.error && <p role="alert">{reading.error}</p>}
          <table>
            <thead>
              <tr>
                <th>resource</th>
                <th>time</th>
                <th>title</th>
              </tr>
            </thead>
            <tbody>
              {reading.rows.map((row) => (
                <tr key={row.key} data-testid="record-row">
                  <td>{row.resource}</td>
                  <td>{row.time}</td>
                  <td>{row.title}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
