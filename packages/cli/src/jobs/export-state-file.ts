import { randomBytes } from "node:crypto";
import { mkdir, open, readFile, rename, rm } from "node:fs/promises";
import path from "node:path";
import { asWriteError } from "../archives/output-folder.js";
import { usageError } from "../errors/cli-error.js";

/**
 * The name of the resume file `export` keeps in its output folder.
 *
 * @example
 * ```ts
 * const file = path.join("./exports", EXPORT_STATE_FILE); // "exports/.dataportability-export.json"
 * ```
 */
export const EXPORT_STATE_FILE = ".dataportability-export.json";

/**
 * What `export` remembers in its output folder so `export --resume` can carry on: the job, the
 * poller's state (core's `serialize()`), and which archives are downloaded. Holds no token and
 * no signed URL.
 *
 * @example
 * ```ts
 * const state: ExportState = {
 *   version: 1,
 *   backend: "google",
 *   resources: ["myactivity.youtube"],
 *   phase: "waiting",
 *   jobId: "abc",
 *   startedAt: new Date().toISOString(),
 *   updatedAt: new Date().toISOString(),
 *   archives: [],
 * };
 * ```
 */
export interface ExportState {
  /** Format version of the file. */
  version: 1;
  /** Where the job lives: `google`, `emulator:<url>` or `embedded`. */
  backend: string;
  /** The exported resources, e.g. `myactivity.youtube`. */
  resources: string[];
  /** Start of the exported time range (`--since`), ISO 8601. */
  startTime?: string | undefined;
  /** End of the exported time range (`--until`), ISO 8601. */
  endTime?: string | undefined;
  /** How far the export got: `--resume` continues from here. */
  phase: "initiating" | "waiting" | "downloading" | "done";
  /** The current archive job. */
  jobId?: string | undefined;
  /** Every job of this export; retries add new IDs. */
  jobIds?: string[] | undefined;
  /** The access the user granted: `ONE_TIME`, `TIME_BASED` or `UNSPECIFIED`. */
  accessType?: string | undefined;
  /** The poller's own serialized state (JSON, no secrets). */
  poller?: unknown;
  /** The time the exported data reaches, from the completed job, ISO 8601. */
  exportTime?: string | undefined;
  /** The archive files and whether each is downloaded. */
  archives: {
    /** File name inside the output folder. */
    file: string;
    /** Size in bytes, once downloaded. */
    bytes?: number | undefined;
    /** True when the file is downloaded and verified. */
    done: boolean;
  }[];
  /** When the export began, ISO 8601. */
  startedAt: string;
  /** When this file was last saved, ISO 8601. */
  updatedAt: string;
}

/**
 * Reads and writes {@link ExportState} as `.dataportability-export.json` in an output folder,
 * atomically (write to a temp file, then rename).
 *
 * @example
 * ```ts
 * const file = new ExportStateFile("./exports");
 * const saved = await file.load();
 * await file.save({ ...saved!, phase: "done" });
 * ```
 */
export class ExportStateFile {
  readonly path: string;

  constructor(readonly dir: string) {
    this.path = path.join(dir, EXPORT_STATE_FILE);
  }

  /** The saved state, or `undefined` when there is none. */
  async load(): Promise<ExportState | undefined> {
    let text: string;
    try {
      text = await readFile(this.path, "utf8");
    } catch (error) {
      // A missing folder, or a file in its place (reported by the folder check), holds no state.
      const code = (error as NodeJS.ErrnoException).code;
      if (code === "ENOENT" || code === "ENOTDIR") return undefined;
      throw error;
    }
    let state: Partial<ExportState>;
    try {
      state = JSON.parse(text) as Partial<ExportState>;
    } catch {
      throw usageError(
        `${this.path} is not valid JSON.`,
        "Delete it to start a new export in this folder.",
      );
    }
    if (state.version !== 1 || !Array.isArray(state.resources) || !state.phase) {
      throw usageError(
        `${this.path} is not a state file this version understands.`,
        "Delete it to start a new export in this folder.",
      );
    }
    return { archives: [], ...state } as ExportState;
  }

  /** Saves the state, stamping `updatedAt`; disk errors are `ArchiveWriteError`s. */
  async save(state: ExportState): Promise<void> {
    try {
      await this.#write(state);
    } catch (error) {
      throw await asWriteError(error, this.path);
    }
  }

  async #write(state: ExportState): Promise<void> {
    await mkdir(this.dir, { recursive: true, mode: 0o700 });
    const next = { ...state, updatedAt: new Date().toISOString() };
    const temp = `${this.path}.${randomBytes(4).toString("hex")}.tmp`;
    const handle = await open(temp, "w", 0o600);
    try {
      await handle.writeFile(`${JSON.stringify(next, null, 2)}\n`, "utf8");
    } finally {
      await handle.close();
    }
    try {
      await rename(temp, this.path);
    } catch (error) {
      await rm(temp, { force: true });
      throw error;
    }
  }
}
