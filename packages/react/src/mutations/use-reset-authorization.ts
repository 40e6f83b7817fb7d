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
 * Options of {@link useResetAuthorization}: TanStack mutation options other than the
 * function and key.
 *
 * @example
 * ```ts
 * const options: UseResetAuthorizationOptions = { onSuccess: () => session.signOut() };
 * ```
 */
export interface UseResetAuthorizationOptions<TOnMutateResult = unknown>
  extends Omit<
    UseMutationOptions<void, PortabilityHookError, void, TOnMutateResult>,
    "mutationFn" | "mutationKey"
  > {}

/**
 * Revokes the user's tokens and resets exhausted scopes (`authorization.reset`). Call it once
 * every job is finished and every archive downloaded, not to start another export. On
 * success, requests of this package in flight are cancelled and the cached access type is
 * reset (the token no longer holds it); cached job states stay readable.
 *
 * @example
 * ```tsx
 * function FinishButton() {
 *   const reset = useResetAuthorization({ onSuccess: () => alert("Access revoked") });
 *   return <button onClick={() => reset.mutate()}>I downloaded everything</button>;
 * }
 * ```
 */
export function useResetAuthorization<TOnMutateResult = unknown>(
  options: UseResetAuthorizationOptions<TOnMutateResult> = {},
): UseMutationResult<void, PortabilityHookError, void, TOnMutateResult> {
  const { client } = useDataPortabilityContext("useResetAuthorization");
  const queryClient = useQueryClient();
  return useMutation({
    ...options,
    mutationKey: dataPortabilityKeys.mutations.resetAuthorization(),
    mutationFn: () => client.resetAuthorization(),
    onSuccess: async (...args) => {
      await queryClient.cancelQueries({ queryKey: dataPortabilityKeys.all });
      // Active access-type queries read again; with the token revoked they show the 401.
      await queryClient.resetQueries({ queryKey: dataPortabilityKeys.accessType() });
      return options.onSuccess?.(...args);
    },
  });
}
