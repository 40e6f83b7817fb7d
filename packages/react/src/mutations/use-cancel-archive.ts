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
 * Options of {@link useCancelArchive}: TanStack mutation options other than the function and
 * key; your `onSuccess` runs after the job's state was refreshed.
 *
 * @example
 * ```ts
 * const options: UseCancelArchiveOptions = { onSuccess: (_, jobId) => console.log("cancelled", jobId) };
 * ```
 */
export interface UseCancelArchiveOptions<TOnMutateResult = unknown>
  extends Omit<
    UseMutationOptions<void, PortabilityHookError, string, TOnMutateResult>,
    "mutationFn" | "mutationKey"
  > {}

/**
 * Cancels an IN_PROGRESS job (`archiveJobs.cancel`); the variable is the job ID. On success
 * the job's archive-state query is refreshed, so pollers see CANCELLED and stop.
 *
 * @example
 * ```tsx
 * function CancelButton({ jobId }: { jobId: string }) {
 *   const cancel = useCancelArchive();
 *   return (
 *     <button disabled={cancel.isPending} onClick={() => cancel.mutate(jobId)}>
 *       Cancel export
 *     </button>
 *   );
 * }
 * ```
 */
export function useCancelArchive<TOnMutateResult = unknown>(
  options: UseCancelArchiveOptions<TOnMutateResult> = {},
): UseMutationResult<void, PortabilityHookError, string, TOnMutateResult> {
  const { client } = useDataPortabilityContext("useCancelArchive");
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationKey: dataPortabilityKeys.mutations.cancelArchive(),
    mutationFn: (jobId) => client.cancelArchive(jobId),
    onSuccess: async (result, jobId, ...rest) => {
      await queryClient.invalidateQueries({ queryKey: dataPortabilityKeys.archiveState(jobId) });
      return options.onSuccess?.(result, jobId, ...rest);
    },
  });
}
