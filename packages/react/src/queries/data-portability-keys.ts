const ROOT = ["dataportability"] as const;

/**
 * Query and mutation keys of this package, for prefetching, reading the cache and precise
 * invalidation. Every key starts with `"dataportability"`.
 *
 * @example
 * ```ts
 * // Refresh one job's state (and its signed URLs):
 * await queryClient.invalidateQueries({ queryKey: dataPortabilityKeys.archiveState(jobId) });
 * // Forget everything this package cached, e.g. after sign-out:
 * queryClient.removeQueries({ queryKey: dataPortabilityKeys.all });
 * ```
 */
export const dataPortabilityKeys = {
  /** Prefix of every key of this package. */
  all: ROOT,
  /** Prefix of every archive-state query. */
  archiveStates: () => [...ROOT, "archiveState"] as const,
  /** One job's archive state. */
  archiveState: (jobId: string) => [...ROOT, "archiveState", jobId] as const,
  /** The access types the current token holds (`accessType.check`). */
  accessType: () => [...ROOT, "accessType"] as const,
  /** Mutation keys, for `useIsMutating` and mutation defaults. */
  mutations: {
    /** {@link useInitiateArchive}. */
    initiateArchive: () => [...ROOT, "initiateArchive"] as const,
    /** {@link useCancelArchive}. */
    cancelArchive: () => [...ROOT, "cancelArchive"] as const,
    /** {@link useRetryArchive}. */
    retryArchive: () => [...ROOT, "retryArchive"] as const,
    /** {@link useResetAuthorization}. */
    resetAuthorization: () => [...ROOT, "resetAuthorization"] as const,
  },
} as const;

/**
 * The query key of one job's archive state.
 *
 * @example
 * ```ts
 * const key: ArchiveStateQueryKey = dataPortabilityKeys.archiveState("job-1");
 * ```
 */
export type ArchiveStateQueryKey = ReturnType<typeof dataPortabilityKeys.archiveState>;

/**
 * The query key of the access-type check.
 *
 * @example
 * ```ts
 * const key: AccessTypeQueryKey = dataPortabilityKeys.accessType();
 * ```
 */
export type AccessTypeQueryKey = ReturnType<typeof dataPortabilityKeys.accessType>;
