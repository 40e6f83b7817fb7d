import type { ArchiveState } from "@dataportability/core";
import { type UseQueryOptions, type UseQueryResult, useQuery } from "@tanstack/react-query";
import type { PortabilityHookError } from "../portability-hook-error.js";
import { useDataPortabilityContext } from "../provider/use-data-portability-client.js";
import type { ArchivePollingOptions } from "./archive-polling.js";
import { archiveStateQueryOptions } from "./archive-state-query-options.js";
import type { ArchiveStateQueryKey } from "./data-portability-keys.js";

/**
 * Options of {@link useArchiveState}: polling settings plus TanStack Query options (`select`,
 * `enabled`, `throwOnError`, ...). Key, fetcher and polling interval are set by the hook.
 *
 * @example
 * ```ts
 * const options: UseArchiveStateOptions<string[]> = {
 *   schedule: () => 30_000,
 *   select: (state) => state.urls,
 * };
 * ```
 */
export interface UseArchiveStateOptions<TData = ArchiveState>
  extends ArchivePollingOptions,
    Omit<
      UseQueryOptions<ArchiveState, PortabilityHookError, TData, ArchiveStateQueryKey>,
      "queryKey" | "queryFn" | "refetchInterval"
    > {}

/**
 * Polls one archive job's state: on core's poller schedule (or `schedule`), stopping at
 * COMPLETE, FAILED or CANCELLED and on errors that asking again cannot fix, paused while
 * the tab is hidden, stopped on unmount (the request in flight is aborted). Errors are
 * core's typed errors. Disabled while `jobId` is empty.
 *
 * @example
 * ```tsx
 * function JobStatus({ jobId }: { jobId: string }) {
 *   const { data, error } = useArchiveState(jobId);
 *   if (error) return <p role="alert">{error.message}</p>;
 *   if (!data) return <p>Checking…</p>;
 *   if (data.state !== "COMPLETE") return <p>{data.state}</p>;
 *   return <ul>{data.urls.map((url) => <li key={url}><a href={url}>Download</a></li>)}</ul>;
 * }
 * ```
 */
export function useArchiveState<TData = ArchiveState>(
  jobId: string | null | undefined,
  options: UseArchiveStateOptions<TData> = {},
): UseQueryResult<TData, PortabilityHookError> {
  const { client, polling } = useDataPortabilityContext("useArchiveState");
  const {
    schedule = polling.schedule,
    random = polling.random,
    maxWaitMs = polling.maxWaitMs,
    enabled = true,
    ...queryOptions
  } = options;
  const base = archiveStateQueryOptions(client, jobId ?? "", { schedule, random, maxWaitMs });
  return useQuery<ArchiveState, PortabilityHookError, TData, ArchiveStateQueryKey>({
    ...base,
    ...queryOptions,
    select: queryOptions.select,
    enabled: jobId ? (typeof enabled === "function" ? (query) => enabled(query) : enabled) : false,
  });
}
