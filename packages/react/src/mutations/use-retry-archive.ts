import {
  type UseMutationOptions,
  type UseMutationResult,
  useMutation,
  useQueryClient,
} from "@tanstack/react-query";
import type { PortabilityHookError } from "../portability-hook-error.js";
import { useDataPortabilityContext } from "../provider/use-data-portability-client.js";
import { dataPortabilityKeys } from "../queries/data-portability-keys.js";

/**
 * What {@link useRetryArchive} resolves to: the ID of the new job that replaces the failed one.
 *
 * @example
 * ```ts
 * const { archiveJobId }: RetryArchiveResult = await retry.mutateAsync(failedJobId);
 * ```
 */
export interface RetryArchiveResult {
  /** The new job, which replaces the failed one. */
  archiveJobId: string;
}

/**
 * Options of {@link useRetryArchive}: TanStack mutation options other than the function and key.
 *
 * @example
 * ```ts
 * const options: UseRetryArchiveOptions = {
 *   onSuccess: ({ archiveJobId }) => navigate(`/exports/${archiveJobId}`),
 * };
 * ```
 */
export interface UseRetryArchiveOptions<TOnMutateResult = unknown>
  extends Omit<
    UseMutationOptions<RetryArchiveResult, PortabilityHookError, string, TOnMutateResult>,
    "mutationFn" | "mutationKey"
  > {}

/**
 * Retries a FAILED job (`archiveJobs.retry`); the variable is the failed job's ID and the
 * result holds a **new** job ID to poll. Google allows 3 retries per consent.
 *
 * @example
 * ```tsx
 * function RetryButton({ jobId, onRetried }: { jobId: string; onRetried(id: string): void }) {
 *   const retry = useRetryArchive({ onSuccess: ({ archiveJobId }) => onRetried(archiveJobId) });
 *   return <button onClick={() => retry.mutate(jobId)}>Try again</button>;
 * }
 * ```
 */
export function useRetryArchive<TOnMutateResult = unknown>(
  options: UseRetryArchiveOptions<TOnMutateResult> = {},
): UseMutationResult<RetryArchiveResult, PortabilityHookError, string, TOnMutateResult> {
  const { client } = useDataPortabilityContext("useRetryArchive");
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationKey: dataPortabilityKeys.mutations.retryArchive(),
    mutationFn: (jobId) => client.retryArchive(jobId),
    onSuccess: async (result, jobId, ...rest) => {
      await queryClient.invalidateQueries({ queryKey: dataPortabilityKeys.archiveState(jobId) });
      return options.onSuccess?.(result, jobId, ...rest);
    },
  });
}
