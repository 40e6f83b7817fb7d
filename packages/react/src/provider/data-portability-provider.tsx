import type { PortabilityClient } from "@dataportability/core";
import { type ReactNode, useMemo } from "react";
import type { ArchivePollingOptions } from "../queries/archive-polling.js";
import { DataPortabilityContext } from "./data-portability-context.js";

/**
 * Props of {@link DataPortabilityProvider}.
 *
 * @example
 * ```tsx
 * const props: DataPortabilityProviderProps = { client, children: <App /> };
 * ```
 */
export interface DataPortabilityProviderProps {
  /** A client from `createPortabilityClient`; the hooks never build one themselves. */
  client: PortabilityClient;
  /** Default polling settings of every archive-state query below (hooks may override). */
  polling?: ArchivePollingOptions;
  /** The part of the app that uses the hooks. */
  children?: ReactNode;
}

/**
 * Makes a core client available to the hooks of this package. Place it inside TanStack
 * Query's `QueryClientProvider`: queries and mutations live in your `QueryClient`.
 *
 * @example
 * ```tsx
 * import { createPortabilityClient } from "@dataportability/core";
 * import { DataPortabilityProvider } from "@dataportability/react";
 * import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
 *
 * const queryClient = new QueryClient();
 * const client = createPortabilityClient({ auth: () => session.accessToken });
 *
 * export function Root() {
 *   return (
 *     <QueryClientProvider client={queryClient}>
 *       <DataPortabilityProvider client={client}>
 *         <App />
 *       </DataPortabilityProvider>
 *     </QueryClientProvider>
 *   );
 * }
 * ```
 */
export function DataPortabilityProvider({
  client,
  polling,
  children,
}: DataPortabilityProviderProps): ReactNode {
  // Kept stable across renders that pass an equal, inline `polling` object.
  const { schedule, random, maxWaitMs } = polling ?? {};
  const value = useMemo(
    () => ({ client, polling: { schedule, random, maxWaitMs } }),
    [client, schedule, random, maxWaitMs],
  );
  return (
    <DataPortabilityContext.Provider value={value}>{children}</DataPortabilityContext.Provider>
  );
}
