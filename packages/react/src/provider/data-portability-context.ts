import type { PortabilityClient } from "@dataportability/core";
import { createContext } from "react";
import type { ArchivePollingOptions } from "../queries/archive-polling.js";

/**
 * What {@link DataPortabilityProvider} shares with the hooks below it: the injected core
 * client and the default polling settings.
 *
 * @example
 * ```ts
 * const value: DataPortabilityContextValue = { client, polling: { schedule: () => 60_000 } };
 * ```
 */
export interface DataPortabilityContextValue {
  /** The injected core client. */
  client: PortabilityClient;
  /** Default polling settings of archive-state queries. */
  polling: ArchivePollingOptions;
}

/**
 * The React context behind {@link DataPortabilityProvider}; `null` outside of one. Most apps
 * use the provider and {@link useDataPortabilityClient} instead.
 *
 * @example
 * ```tsx
 * const value = useContext(DataPortabilityContext);
 * if (!value) return <p>Wrap this part of the app in a DataPortabilityProvider.</p>;
 * ```
 */
export const DataPortabilityContext = createContext<DataPortabilityContextValue | null>(null);
DataPortabilityContext.displayName = "DataPortabilityContext";
