import type { InitiateArchiveInput, InitiateArchiveResult } from "@dataportability/core";
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
 * Options of {@link useInitiateArchive}: TanStack mutation options other than the function
 * and key; your `onSuccess` runs after the hook's own cache update.
 *
 * @example
 * ```ts
 * const options: UseInitiateArchiveOptions = {
 *   onSuccess: ({ archiveJobId }) => localStorage.setItem("jobId", archiveJobId),
 * };
 * ```
 */
export interface UseInitiateArchiveOptions<TOnMutateResult = unknown>
  extends Omit<
    UseMutationOptions<
      InitiateArchiveResult,
      PortabilityHookError,
      InitiateArchiveInput,
      TOnMutateResult
    >,
    "mutationFn" | "mutationKey"
  > {}

/**
 * Starts an export (`portabilityArchive.initiate`). Invalid resources or dates fail with
 * `InvalidArgumentError` before any request; API refusals are `PortabilityApiError`s, e.g.
 * a 429 whose `nextAllowedAt` says when the next time-based export is allowed.
 *
 * @example
 * ```tsx
 * function StartButton() {
 *   const initiate = useInitiateArchive();
 *   const { error } = initiate;
 *   return (
 *     <>
 *       <button
 *         disabled={initiate.isPending}
 *         onClick={() => initiate.mutate({ resources: ["myactivity.youtube"] })}
 *       >
 *         Export
 *       </button>
 *       {error instanceof PortabilityApiError && error.nextAllowedAt && (
 *         <p>Next export allowed after {error.nextAllowedAt.toLocaleString()}</p>
 *       )}
 *     </>
 *   );
 * }
 * ```
 */
export function useInitiateArchive<TOnMutateResult = unknown>(
  options: UseInitiateArchiveOptions<TOnMutateResult> = {},
): UseMutationResult<
  InitiateArchiveResult,
  PortabilityHookError,
  InitiateArchiveInput,
  TOnMutateResult
> {
  const { client } = useDataPortabilityContext("useInitiateArchive");
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationKey: dataPortabilityKeys.mutations.initiateArchive(),
    mutationFn: (input) => client.initiateArchive(input),
    onSuccess: async (result, ...rest) => {
      // A reused job may already be cached with an outdated state.
      await queryClient.invalidateQueries({
        queryKey: dataPortabilityKeys.archiveState(result.archiveJobId),
      });
      return options.onSuccess?.(result, ...rest);
    },
  });
}
