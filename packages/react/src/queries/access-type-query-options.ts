import type { AccessTypes, PortabilityClient } from "@dataportability/core";
import { queryOptions } from "@tanstack/react-query";
import type { PortabilityHookError } from "../portability-hook-error.js";
import { type AccessTypeQueryKey, dataPortabilityKeys } from "./data-portability-keys.js";

/**
 * Query options for `accessType.check`: which resources the token may export once and
 * which on a schedule.
 *
 * @example
 * ```ts
 * const { timeBasedResources } = await queryClient.fetchQuery(accessTypeQueryOptions(client));
 * ```
 */
export function accessTypeQueryOptions(client: PortabilityClient) {
  return queryOptions<AccessTypes, PortabilityHookError, AccessTypes, AccessTypeQueryKey>({
    queryKey: dataPortabilityKeys.accessType(),
    queryFn: ({ signal }) => client.checkAccessType({ signal }),
    retry: false,
  });
}
