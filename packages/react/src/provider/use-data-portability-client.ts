import type { PortabilityClient } from "@dataportability/core";
import { useContext } from "react";
import {
  DataPortabilityContext,
  type DataPortabilityContextValue,
} from "./data-portability-context.js";

const missingProvider = (hook: string) =>
  new Error(
    `${hook} must be used inside a <DataPortabilityProvider client={...}> (itself inside TanStack Query's <QueryClientProvider>).`,
  );

/**
 * The core client given to the nearest {@link DataPortabilityProvider}, for calls the hooks do
 * not cover.
 *
 * @throws {Error} outside of a provider, saying what to add.
 * @example
 * ```tsx
 * function DebugButton() {
 *   const client = useDataPortabilityClient();
 *   return <button onClick={() => client.checkAccessType().then(console.log)}>Check</button>;
 * }
 * ```
 */
export function useDataPortabilityClient(): PortabilityClient {
  return useDataPortabilityContext("useDataPortabilityClient").client;
}

/**
 * @internal The provider's value, or a clear error naming the hook used outside of it.
 * @example
 * ```ts
 * const { client, polling } = useDataPortabilityContext("useArchiveState");
 * ```
 */
export function useDataPortabilityContext(hook: string): DataPortabilityContextValue {
  const value = useContext(DataPortabilityContext);
  if (!value) throw missingProvider(hook);
  return value;
}
