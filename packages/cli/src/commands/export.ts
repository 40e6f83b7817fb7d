import path from "node:path";
import type { ArchiveState, SerializedPoller } from "@dataportability/core";
import type { Resource } from "@dataportability/spec";
import type { Command } from "commander";
import {
  archiveJson,
  type FetchedArchive,
  fetchArchives,
  printArchives,
} from "../archives/fetch-archives.js";
import { prepareOutputFolder } from "../archives/output-folder.js";
import { RecordsFile } from "../archives/records-file.js";
import { usageError } from "../errors/cli-error.js";
import { exitCodesHelp } from "../errors/exit-codes.js";
import { EXPORT_STATE_FILE, type ExportState, ExportStateFile } from "../jobs/export-state-file.js";
import { recordingRetries, retryLedger } from "../jobs/retry-ledger.js";
import { waitForJob } from "../jobs/wait-for-job.js";
import { formatBytes, formatDuration, formatMoment } from "../output/format.js";
import type { CliContext } from "../program/cli-context.js";
import { examples } from "../program/help-text.js";
import { parseDuration, parseMoment, parseResources, parseSlices } from "../program/parse-input.js";
import { openSession, type Session, toGoogle } from "../session/session.js";

interface ExportOptions {
  resource?: string[];
  allowUnknownResource?: boolean;
  since?: string;
  until?: string;
  out: string;
  resume?: boolean;
  extract?: boolean;
  slices?: string;
  records?: string;
  timeout?: string;
  /** `false` with `--no-retry-failed`. */
  retryFailed: boolean;
  json?: boolean;
}

/**
 * Adds `export`: the whole flow in one command (initiate, wait with a live status line,
 * download with progress bars, verify, list, summary), resumable after Ctrl-C.
 *
 * @example
 * ```ts
 * registerExport(program, ctx); // dataportability export --resource myactivity.youtube --out ./exports
 * ```
 */
export function registerExport(program: Command, ctx: CliContext): void {
  program
    .command("export")
    .summary("export end to end: start, wait, download, verify, list")
    .description(
      "Export resources end to end: start a job, wait for it, download and verify its archives, list them",
    )
    .option(
      "-r, --resource <name...>",
      "resource groups to export (repeat, or comma-separate; group.* for a whole group)",
    )
    .option(
      "--allow-unknown-resource",
      "send a well-formed resource name this version does not list (a group Google added since)",
    )
    .option(
      "--since <date>",
      "only data from this moment on (2026-01-31, 2026-01-31T12:00:00Z, or 30d)",
    )
    .option("--until <date>", "only data up to this moment")
    .option("-o, --out <dir>", "folder for the archives and the resume file", "exports")
    .option("--resume", `carry on an interrupted export from <dir>/${EXPORT_STATE_FILE}`)
    .option("--extract", "also unzip each archive into a folder next to it")
    .option("--slices <n>", "ranged requests at once per archive of 64 MiB or more (1: one stream)")
    .option(
      "--records <file>",
      "also write the archives' records to this NDJSON file as they arrive",
    )
    .option("--timeout <duration>", "give up waiting after this long (e.g. 12h, 7d)", "7d")
    .option("--no-retry-failed", "stop at a FAILED job instead of retrying it (up to 3 times)")
    .option("--json", "print a JSON summary on stdout (notes still go to stderr)")
    .addHelpText(
      "after",
      `${examples([
        ["dataportability export --resource myactivity.youtube", "into ./exports"],
        [
          "dataportability export -r myactivity.youtube -r myactivity.search -o ./mine",
          "two groups",
        ],
        ["dataportability export -r 'chrome.*' --since 30d", "every Chrome group, last 30 days"],
        ["dataportability export --resume -o ./mine", "carry on after Ctrl-C"],
        ["dataportability export -r myactivity.maps --json > summary.json", "for scripts"],
        [
          "dataportability export -r myactivity.youtube --records youtube.ndjson",
          "and its records",
        ],
      ])}

A job takes minutes to days at Google; the status line shows each check (Google suggests every
5 to 60 minutes). A FAILED job is retried up to 3 times, each new job printed. The folder is
created (mode 0700) and checked before the job starts. Ctrl-C stops cleanly: the job keeps
running at Google, and \`export --resume\` carries on from the saved state and any partial
downloads. --since/--until apply to time-based access only.

${exitCodesHelp()}`,
    )
    .action(async (options: ExportOptions) => {
      await runExport(ctx, options);
    });
}

async function runExport(ctx: CliContext, options: ExportOptions): Promise<void> {
  const { out } = ctx;
  const folder = ctx.resolvePath(options.out);
  const stateFile = new ExportStateFile(folder);
  const maxWaitMs = parseDuration("--timeout", options.timeout ?? "7d");
  const slices = options.slices === undefined ? undefined : parseSlices(options.slices);
  const saved = await stateFile.load();
  let state: ExportState;

  if (options.resume) {
    if (!saved) {
      throw usageError(
        `Nothing to resume in ${folder}: no ${EXPORT_STATE_FILE} there.`,
        "Start an export with `dataportability export --resource <name> --out <dir>`.",
      );
    }
    if (saved.backend === "embedded" && saved.phase !== "done") {
      throw usageError(
        `The export in ${folder} ran against the embedded emulator, whose jobs end with the command that started them, so it cannot be resumed.`,
        `Run it again without --resume: \`dataportability export --resource ${saved.resources.join(",")} --out ${options.out}\`.`,
      );
    }
    if (options.resource?.length) {
      const asked = parseResources(options.resource, options.allowUnknownResource).sort().join(",");
      if (asked !== [...saved.resources].sort().join(",")) {
        throw usageError(
          `The export in ${folder} is for ${saved.resources.join(", ")}, not the resources given.`,
          "Drop --resource to resume it, or use another --out for a new export.",
        );
      }
    }
    state = saved;
  } else {
    // An unfinished embedded-emulator export cannot be resumed, so it does not block a new one.
    if (saved && saved.phase !== "done" && saved.backend !== "embedded") {
      throw usageError(
        `${folder} holds an unfinished export${saved.jobId ? ` (job ${saved.jobId})` : ""}.`,
        `Carry on with \`dataportability export --resume --out ${options.out}\`, or pick another --out.`,
      );
    }
    const resources = parseResources(options.resource, options.allowUnknownResource);
    const startTime = options.since ? parseMoment("--since", options.since) : undefined;
    const endTime = options.until ? parseMoment("--until", options.until) : undefined;
    if (startTime && endTime && startTime >= endTime) {
      throw usageError("--since must be before --until.");
    }
    const now = new Date().toISOString();
    state = {
      version: 1,
      backend: "",
      resources,
      startTime: startTime?.toISOString(),
      endTime: endTime?.toISOString(),
      phase: "initiating",
      archives: [],
      startedAt: now,
      updatedAt: now,
    };
  }
  const resources = state.resources as Resource[];
  const session = await openSession(ctx, { resources });
  if (options.resume && state.backend && state.backend !== session.backendId) {
    throw usageError(
      `The export in ${folder} ran against ${describeBackend(state.backend)}, but this run uses ${session.label}.`,
      state.backend === "embedded"
        ? "The embedded emulator's jobs end with the command that started them; start the export again without --resume."
        : "Use the same credentials (or DATAPORTABILITY_EMULATOR_URL) as the first run.",
    );
  }
  state.backend = session.backendId;
  const ledger = await retryLedger(ctx, session);
  const client = recordingRetries(session.client, ledger);
  // Before initiate: a folder that cannot take the archives costs no export and no consent.
  await prepareOutputFolder(folder);
  const records = options.records
    ? await RecordsFile.open(ctx.resolvePath(options.records), {
        resources: state.resources as Resource[],
        onProblem: (problem) =>
          out.warn(`${problem.file} record ${problem.index}: ${problem.message} (skipped)`),
      })
    : undefined;
  if (records) ctx.onClose(() => records.close());
  ctx.interruptHint =
    session.kind === "embedded"
      ? "The embedded emulator's jobs end with this command; run the same export again to start afresh."
      : `The state is saved in ${stateFile.path}; carry on with \`dataportability export --resume --out ${options.out}\`.`;
  const save = () => stateFile.save(state);
  const started = Date.now();

  if (!state.jobId) {
    const job = await client.initiateArchive({
      resources,
      ...(state.startTime ? { startTime: state.startTime } : {}),
      ...(state.endTime ? { endTime: state.endTime } : {}),
      reuseExisting: true,
      signal: ctx.signal,
    });
    state = {
      ...state,
      jobId: job.archiveJobId,
      jobIds: [job.archiveJobId],
      accessType: job.accessType,
      phase: "waiting",
    };
    await save();
    out.note(
      `${job.reused ? "Joined the identical job already running" : "Started export job"} ${out.ce.bold(job.archiveJobId)}` +
        `${job.accessType !== "UNSPECIFIED" ? ` (${job.accessType === "ONE_TIME" ? "one-time" : "time-based"} access)` : ""}` +
        ` for ${resources.join(", ")}.`,
    );
  } else {
    state = followRetries(state, (await ledger?.after(state.jobId)) ?? [], options.retryFailed);
    out.note(`Resuming export job ${out.ce.bold(state.jobId)} (${state.phase}).`);
  }
  ctx.explainContext.jobId = state.jobId;

  let complete: ArchiveState;
  if (state.phase === "waiting" || state.phase === "initiating") {
    complete = await waitForJob(ctx, client, state.jobId!, {
      resume: state.poller as SerializedPoller | undefined,
      maxWaitMs,
      retryFailed: options.retryFailed,
      pollOptions: session.pollOptions,
      onCheck: async (poller) => {
        state = { ...state, poller, jobId: poller.jobId, jobIds: poller.jobIds };
        ctx.explainContext.jobId = poller.jobId;
        await save();
      },
    });
    out.note(
      `Job ${complete.jobId} is COMPLETE: ${complete.urls.length} archive${complete.urls.length === 1 ? "" : "s"}.`,
    );
  } else {
    // The links of a COMPLETE job expire after 6 hours: read fresh ones.
    complete = await client.getArchiveState(state.jobId!, { signal: ctx.signal });
  }
  state = {
    ...state,
    jobId: complete.jobId,
    phase: "downloading",
    exportTime: complete.exportTime?.toISOString(),
  };
  await save();

  const archives = await fetchArchives(ctx, client, complete, {
    folder,
    extract: options.extract === true,
    slices,
    onFileDone: async (file, bytes) => {
      state = {
        ...state,
        archives: [...state.archives.filter((a) => a.file !== file), { file, bytes, done: true }],
      };
      await save();
      await records?.add(path.join(folder, file));
    },
  });
  if (records) {
    await records.close();
    out.note(
      `Wrote ${records.records} records to ${records.file}${records.skipped ? ` (${records.skipped} skipped)` : ""}`,
    );
  }
  state = { ...state, phase: "done" };
  await save();
  ctx.interruptHint = undefined;
  printSummary(ctx, session, state, complete, archives, folder, Date.now() - started);
}

/**
 * The saved state moved on to the newest job of retries made since it was saved (by `retry`,
 * or by a run that stopped before saving), with the retries Google still allows (3 per
 * consent) unless `--no-retry-failed`.
 */
function followRetries(
  state: ExportState,
  newer: readonly string[],
  retryFailed: boolean,
): ExportState {
  const saved = state.poller as SerializedPoller | undefined;
  const jobIds = [...(saved?.jobIds ?? state.jobIds ?? [state.jobId!]), ...newer];
  const jobId = jobIds.at(-1)!;
  const poller: SerializedPoller | undefined = saved && {
    ...saved,
    jobId,
    jobIds,
    retriesLeft: retryFailed ? Math.max(0, GOOGLE_RETRIES - (jobIds.length - 1)) : 0,
    ...(newer.length > 0
      ? { lastState: undefined, checks: 0, nextCheckAt: new Date().toISOString() }
      : {}),
  };
  return { ...state, jobId, jobIds, poller };
}

/** How many times Google lets a FAILED job be retried per consent. */
const GOOGLE_RETRIES = 3;

function describeBackend(backend: string): string {
  if (backend === "embedded") return "the embedded emulator";
  if (backend.startsWith("emulator:"))
    return `the emulator at ${backend.slice("emulator:".length)}`;
  return "Google";
}

function printSummary(
  ctx: CliContext,
  session: Session,
  state: ExportState,
  complete: ArchiveState,
  archives: readonly FetchedArchive[],
  folder: string,
  elapsedMs: number,
): void {
  const { out } = ctx;
  const { c } = out;
  const bytes = archives.reduce((sum, a) => sum + a.bytes, 0);
  const entries = archives.reduce((sum, a) => sum + a.entries, 0);
  const nextAllowed =
    state.accessType === "TIME_BASED" && complete.exportTime
      ? new Date(complete.exportTime.getTime() + 86_400_000)
      : undefined;
  out.data({
    ok: true,
    server: session.label,
    emulator: session.kind !== "google",
    jobId: complete.jobId,
    jobIds: state.jobIds,
    accessType: state.accessType,
    resources: state.resources,
    startTime: complete.startTime?.toISOString(),
    exportTime: complete.exportTime?.toISOString(),
    folder,
    bytes,
    archives: archives.map(archiveJson),
    nextExportAllowedAt: nextAllowed?.toISOString(),
  });
  out.result("");
  out.result(
    `${c.green("✓")} Exported ${c.bold(state.resources.join(", "))} from ${session.label} in ${formatDuration(elapsedMs)}`,
  );
  out.result(
    `  job        ${complete.jobId}${state.accessType ? ` (${state.accessType.toLowerCase().replace("_", "-")} access)` : ""}`,
  );
  if (complete.startTime) out.result(`  data from  ${complete.startTime.toISOString()}`);
  if (complete.exportTime) out.result(`  data up to ${complete.exportTime.toISOString()}`);
  out.result(`  folder     ${folder}`);
  out.result(
    `  archives   ${archives.length}, ${formatBytes(bytes)}, ${entries} files inside, all verified`,
  );
  printArchives(ctx, archives);
  out.result("");
  if (state.accessType === "ONE_TIME") {
    out.result(
      c.dim(
        "This one-time consent is now used. When you have everything, run `dataportability reset`, then `dataportability login` to export again.",
      ),
    );
  } else if (nextAllowed) {
    out.result(c.dim(`The next time-based export is allowed at ${formatMoment(nextAllowed)}.`));
  }
  if (session.kind === "embedded") {
    out.result(
      c.dim(
        `This ran against the embedded emulator (synthetic data, nothing left this machine). ${toGoogle(ctx)}`,
      ),
    );
  }
}
