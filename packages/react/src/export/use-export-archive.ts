import {
  type AccessType,
  type ArchiveState,
  type DateInput,
  PortabilityApiError,
  type Resource,
} from "@dataportability/core";
import { useQueryClient } from "@tanstack/react-query";
import { useCallback, useState } from "react";
import { useCancelArchive } from "../mutations/use-cancel-archive.js";
import { useInitiateArchive } from "../mutations/use-initiate-archive.js";
import { useRetryArchive } from "../mutations/use-retry-archive.js";
import type { PortabilityHookError } from "../portability-hook-error.js";
import { useDataPortabilityContext } from "../provider/use-data-portability-client.js";
import {
  type ArchivePollingOptions,
  archivePollStep,
  isTransientPollError,
} from "../queries/archive-polling.js";
import { dataPortabilityKeys } from "../queries/data-portability-keys.js";
import { useArchiveState } from "../queries/use-archive-state.js";
import { archiveUrlsExpireAt } from "./archive-urls-expire-at.js";
import type { ExportArchiveState, UseExportArchiveResult } from "./export-archive-state.js";

/**
 * Options of {@link useExportArchive}.
 *
 * @example
 * ```ts
 * const options: UseExportArchiveOptions = {
 *   startTime: "2025-01-01T00:00:00Z",
 *   jobId: sessionStorage.getItem("exportJobId") ?? undefined,
 * };
 * ```
 */
export interface UseExportArchiveOptions extends ArchivePollingOptions {
  /** Start of the exported range. */
  startTime?: DateInput;
  /** End of the exported range. */
  endTime?: DateInput;
  /** Resume a job started earlier (e.g. before a reload); read on mount, then `waiting`. */
  jobId?: string;
  /**
   * Adopt an identical job that is already running (409 `ALREADY_EXISTS`) instead of
   * failing. Default `true`.
   */
  reuseExisting?: boolean;
}

interface Job {
  id: string;
  accessType: AccessType;
}

const nextAllowedAt = (error: PortabilityHookError) =>
  error instanceof PortabilityApiError ? error.nextAllowedAt : undefined;

/**
 * The whole export as one hook: `start()` initiates an export of `resources`, the job is
 * polled on core's schedule until it ends, and the result is one phase union (`idle`,
 * `initiating`, `waiting`, `complete` with URLs and their expiry, `failed`, `cancelled`,
 * `error`) with `cancel()`, `retry()`, `refresh()` and `reset()`. Nothing starts on mount, so
 * StrictMode and server rendering never start an export; unmounting stops polling.
 *
 * @example
 * ```tsx
 * function Export() {
 *   const exp = useExportArchive(["myactivity.youtube", "youtube.comments"]);
 *   switch (exp.phase) {
 *     case "idle":
 *       return <button onClick={exp.start}>Export my data</button>;
 *     case "initiating":
 *       return <p>Starting…</p>;
 *     case "waiting":
 *       return <button onClick={exp.cancel}>Cancel ({exp.checks} checks so far)</button>;
 *     case "complete":
 *       return (
 *         <ul>
 *           {exp.urls.map((url, i) => (
 *             <li key={url}><a href={url}>Archive {i + 1}</a></li>
 *           ))}
 *         </ul>
 *       );
 *     case "failed":
 *       return <button onClick={exp.retry}>Retry</button>;
 *     case "cancelled":
 *       return <button onClick={exp.start}>Start again</button>;
 *     case "error":
 *       return <p role="alert">{exp.error.message}</p>;
 *   }
 * }
 * ```
 */
export function useExportArchive(
  resources: readonly Resource[],
  options: UseExportArchiveOptions = {},
): UseExportArchiveResult {
  const { client, polling: defaults } = useDataPortabilityContext("useExportArchive");
  const { startTime, endTime, reuseExisting = true } = options;
  const polling: ArchivePollingOptions = {
    schedule: options.schedule ?? defaults.schedule,
    random: options.random ?? defaults.random,
    maxWaitMs: options.maxWaitMs ?? defaults.maxWaitMs,
  };
  const [job, setJob] = useState<Job | undefined>(
    options.jobId ? { id: options.jobId, accessType: "UNSPECIFIED" } : undefined,
  );
  const queryClient = useQueryClient();
  const initiate = useInitiateArchive();
  const cancelMutation = useCancelArchive();
  const retryMutation = useRetryArchive();
  // Set at once by start() and retry(), so `initiating` shows before the request settles.
  const [busy, setBusy] = useState<"starting" | "retrying">();
  const query = useArchiveState(job?.id, polling);

  const { mutate: initiateMutate, reset: initiateReset } = initiate;
  const { mutate: cancelMutate, reset: cancelReset } = cancelMutation;
  const { mutate: retryMutate, reset: retryReset } = retryMutation;

  const reset = useCallback(() => {
    setJob(undefined);
    setBusy(undefined);
    initiateReset();
    cancelReset();
    retryReset();
  }, [initiateReset, cancelReset, retryReset]);

  const start = useCallback(() => {
    reset();
    setBusy("starting");
    initiateMutate(
      { resources, startTime, endTime, reuseExisting },
      {
        onSuccess: ({ archiveJobId, accessType }) => setJob({ id: archiveJobId, accessType }),
        onSettled: () => setBusy(undefined),
      },
    );
  }, [reset, initiateMutate, resources, startTime, endTime, reuseExisting]);

  const state = query.data;
  const cancel = useCallback(() => {
    if (job && state?.state !== "COMPLETE" && state?.state !== "CANCELLED") cancelMutate(job.id);
  }, [job, state?.state, cancelMutate]);

  const retry = useCallback(() => {
    if (!job || state?.state !== "FAILED") return;
    cancelReset();
    setBusy("retrying");
    retryMutate(job.id, {
      onSuccess: ({ archiveJobId }) => setJob({ id: archiveJobId, accessType: job.accessType }),
      onSettled: () => setBusy(undefined),
    });
  }, [job, state?.state, cancelReset, retryMutate]);

  const refresh = useCallback(() => {
    if (job)
      void queryClient.invalidateQueries({ queryKey: dataPortabilityKeys.archiveState(job.id) });
  }, [job, queryClient]);

  const actions = { start, cancel, retry, refresh, reset };
  return { ...derive(), ...actions };

  function derive(): ExportArchiveState {
    if (busy === "starting" || initiate.isPending) {
      return { phase: "initiating", jobId: undefined, resources };
    }
    if (!job) {
      return initiate.error
        ? {
            phase: "error",
            jobId: undefined,
            error: initiate.error,
            nextAllowedAt: nextAllowedAt(initiate.error),
          }
        : { phase: "idle", jobId: undefined };
    }
    if (busy === "retrying" || retryMutation.isPending) {
      return { phase: "initiating", jobId: job.id, resources };
    }
    if (retryMutation.error) {
      const error = retryMutation.error;
      return { phase: "error", jobId: job.id, error, nextAllowedAt: nextAllowedAt(error) };
    }
    const base = { jobId: job.id, accessType: job.accessType };
    if (state?.state === "COMPLETE") {
      return {
        phase: "complete",
        ...base,
        urls: state.urls,
        urlsExpireAt: archiveUrlsExpireAt(state.urls),
        exportTime: state.exportTime,
        archive: state,
        error: query.error ?? undefined,
      };
    }
    if (state?.state === "FAILED") return { phase: "failed", ...base, archive: state };
    if (state?.state === "CANCELLED") return { phase: "cancelled", ...base, archive: state };
    if (query.error && !isTransientPollError(query.error)) {
      const error = query.error;
      return { phase: "error", jobId: job.id, error, nextAllowedAt: nextAllowedAt(error) };
    }
    const cached = queryClient
      .getQueryCache()
      .find<ArchiveState>({ queryKey: dataPortabilityKeys.archiveState(job.id), exact: true });
    const next = cached && archivePollStep(cached, polling, client.clock.now());
    return {
      phase: "waiting",
      ...base,
      state: state?.state,
      checks: cached?.state.dataUpdateCount ?? 0,
      nextCheckAt: next?.kind === "check" ? new Date(next.at) : undefined,
      cancelling: cancelMutation.isPending,
      error: query.error ?? cancelMutation.error ?? undefined,
    };
  }
}
