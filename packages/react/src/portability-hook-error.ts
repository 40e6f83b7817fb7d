import type { PortabilityError } from "@dataportability/core";

/**
 * The error type of every query and mutation of this package: one of core's typed errors
 * (`PortabilityApiError`, `InvalidArgumentError`, ... all extending `PortabilityError`), or
 * the runtime's own error when the network failed after the client's retries (`TypeError`
 * from `fetch`, a `DOMException` named `TimeoutError`). Narrow with `instanceof`.
 *
 * @example
 * ```tsx
 * function ErrorNote({ error }: { error: PortabilityHookError }) {
 *   if (error instanceof PortabilityApiError && error.nextAllowedAt)
 *     return <p>Next export allowed at {error.nextAllowedAt.toLocaleString()}</p>;
 *   if (error instanceof PortabilityError) return <p>{error.message}</p>;
 *   return <p>Network problem, please check your connection.</p>;
 * }
 * ```
 */
export type PortabilityHookError = PortabilityError | TypeError | DOMException;
