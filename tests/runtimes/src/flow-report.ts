/** The steps of `runCoreFlow`, in order, with what each proves: every runtime must pass all. */
export const flowSteps = {
  "authorization-url":
    "`createAuthorizationRequest` builds the authorization URL with `state` and a PKCE S256 challenge (Web Crypto)",
  "consent-redirect": "the emulator's consent page redirects back with a code; `fetch` follows it",
  "code-exchange":
    "`exchangeAuthorizationCode` checks `state`, trades the code and verifier for tokens and reports the granted resources",
  "token-refresh":
    "`createRefreshingTokenProvider` refreshes the access token on the client's first call (`checkAccessType`)",
  "typed-error":
    "a refused `initiate` (a resource outside the consent) throws a `PortabilityApiError` that `instanceof` recognises",
  export: "`exportArchive` initiates, polls until COMPLETE and returns the signed URLs",
  "export-rounds":
    "`startExport` and `checkArchive` (the poller step) run an export round by round, the saved export stored as JSON between rounds; a round before its check is due makes no request",
  "archive-download":
    "`fetch` downloads the archive from its signed URL: a zip of the promised length",
  revoke: "`revokeToken` ends the consent; the old access token is then refused with 401",
} as const;

/** One name of {@link flowSteps}. */
export type FlowStepName = keyof typeof flowSteps;

/** A step that passed, and what it saw. */
export interface FlowStep {
  name: FlowStepName;
  detail: string;
}

/** What `runCoreFlow` returns: printed as JSON by every entry. */
export interface FlowReport {
  /** `navigator.userAgent` where the flow ran: names the runtime. */
  userAgent: string;
  steps: FlowStep[];
}
