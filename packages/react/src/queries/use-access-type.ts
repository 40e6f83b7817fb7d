import type { AccessTypes } from "@dataportability/core";
import { type UseQueryOptions, type UseQueryResult, useQuery } from "@tanstack/react-query";
import type { PortabilityHookError } from "../portability-hook-error.js";
import { useDataPortabilityContext } from "../provider/use-data-portability-client.js";
import { accessTypeQueryOptions } from "./access-type-query-options.js";
import type { AccessTypeQueryKey } from "./data-portability-keys.js";

/**
 * Options of {@link useAccessType}: TanStack Query options other than key and fetcher.
 *
 * @example
 * ```ts
 * const options: UseAccessTypeOptions = { staleTime: 60_000 };
 * ```
 */
export interface UseAccessTypeOptions<TData = AccessTypes>
  extends Omit<
    UseQueryOptions<AccessTypes, PortabilityHookError, TData, AccessTypeQueryKey>,
    "queryKey" | "queryFn"
  > {}

/**
 * Which resources the current token may export once (`oneTimeResources`) and which on a
 * schedule (`timeBasedResources`, one export per 24 hours).
 *
 * @example
 * ```tsx
 * function AccessBadge() {
 *   const { data } = useAccessType();
 *   if (!data) return null;
 *   return <p>{data.timeBasedResources.length ? "Recurring exports allowed" : "One export"}</p>;
 * }
 * ```
 */
export function useAccessType<TData = AccessTypes>(
  options: UseAccessTypeOptions<TData> = {},
): UseQueryResult<TData, PortabilityHookError> {
  const { client } = useDataPortabilityContext("useAccessType");
  return useQuery<AccessTypes, PortabilityHookError, TData, AccessTypeQueryKey>({
    ...accessTypeQueryOptions(client),
    ...options,
    select: options.select,
  });
}
