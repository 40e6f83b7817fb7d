import type { ArchiveState, PortabilityClient } from "@dataportability/core";
import { nonNegative } from "@dataportability/core/internal";
import { queryOptions } from "@tanstack/react-query";
import type { PortabilityHookError } from "../portability-hook-error.js";
import { type ArchivePollingOptions, archiveRefetchInterval } from "./archive-polling.js";
import { type ArchiveStateQueryKey, dataPortabilityKeys } from "./data-portability-keys.js";

// A COMPLETE state stays fresh until shortly before its signed URLs (about 6 hours) expire.
const URL_MARGIN_MS = 5 * 60_000;
const SIGNED_URL_LIFETIME_MS = 6 * 60 * 60_000;

/**
 * Query options for one job's archive state: key, fetcher (aborted with the query),
 * polling on core's schedule until a terminal state, paused while the tab is hidden.
 * A `maxWaitMs` below 0 (or not a number) throws `InvalidArgumentError`. Use them with `useQuery`, `prefetchQuery` on the server, or `fetchQuery`.
 *
 * @example
 * ```ts
 * // Server: prefetch, then dehydrate for the page.
 * await queryClient.prefetchQuery(archiveStateQueryOptions(client, jobId));
 * // Client: the same options drive polling.
 * const { data } = useQuery(archiveStateQueryOptions(client, jobId));
 * ```
 */
export function archiveStateQueryOptions(
  client: PortabilityClient,
  jobId: string,
  polling: ArchivePollingOptions = {},
) {
  nonNegative(polling.maxWaitMs, "maxWaitMs");
  return queryOptions<ArchiveState, PortabilityHookError, ArchiveState, ArchiveStateQueryKey>({
    queryKey: dataPortabilityKeys.archiveState(jobId),
    queryFn: ({ signal }) => client.getArchiveState(jobId, { signal }),
    refetchInterval: (query) => archiveRefetchInterval(query, polling, client.clock.now()),
    refetchIntervalInBackground: false,
    // The client already retries rate limits, server errors and network failures.
    retry: false,
    staleTime: ({ state: { data } }) => {
      if (data?.state === "FAILED" || data?.state === "CANCELLED") return Number.POSITIVE_INFINITY;
      return data?.state === "COMPLETE" ? SIGNED_URL_LIFETIME_MS - URL_MARGIN_MS : 0;
    },
  });
}
