/**
 * Which part of the emulator a request reached.
 *
 * @example
 * ```ts
 * const area: RequestArea = emulator.requests[0].area; // "api" | "storage" | "oauth"
 * ```
 */
export type RequestArea = "api" | "storage" | "oauth";
