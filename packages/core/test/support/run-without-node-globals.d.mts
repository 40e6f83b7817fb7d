/** What the built package did in a process where Node globals look absent. */
export interface WithoutNodeGlobalsReport {
  /** Node-only globals the package looked up (each got `undefined`), with the calling frame. */
  lookedUp: { name: string; caller: string }[];
  error?: string;
  result?: Record<string, unknown>;
  invalid?: string;
  scope?: string;
  authorizationUrl?: string;
}
export function runWithoutNodeGlobals(): WithoutNodeGlobalsReport;
