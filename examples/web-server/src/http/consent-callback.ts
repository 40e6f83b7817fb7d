import {
  type AccessType,
  PortabilityApiError,
  type Resource,
  startExport,
} from "@dataportability/core";
import { exchangeAuthorizationCode, OAuthError } from "@dataportability/core/oauth";
import { describeError } from "../logger.js";
import type { AppDeps } from "./app-deps.js";

/** Where the callback ends: an export's status page, or an error page in plain words. */
export type ConsentOutcome =
  | { kind: "export"; exportId: string }
  | { kind: "error"; status: 400 | 403 | 502; title: string; explanation: string; next?: string };

const problem = (
  status: 400 | 403 | 502,
  title: string,
  explanation: string,
  next?: string,
): ConsentOutcome => ({ kind: "error", status, title, explanation, ...(next ? { next } : {}) });

/** Words for an API refusal of a new export, with what the user can do. */
function initiateProblem(error: PortabilityApiError): ConsentOutcome {
  if (error.httpStatus === 429 || error.code === "FAILED_PRECONDITION") {
    const after = error.metadata["timestamp_after_24hrs"];
    return problem(
      403,
      "Google allows no new export yet",
      after
        ? `Google allows one export per day for this data; the next one is possible after ${after}.`
        : "This access allowed one export, and it was already used.",
      "To export again, connect again: Google will ask for your permission anew.",
    );
  }
  return problem(
    502,
    "Google did not start the export",
    `Google answered: ${error.message}`,
    "Try again in a few minutes.",
  );
}

/**
 * Finishes a consent: checks `state` against this session's pending request (each is used
 * once), exchanges the code with the PKCE verifier, stores the consent (refresh token sealed)
 * and starts the export of what was granted. Partial grants export what was granted and
 * record what is missing; a denied consent or a bad callback ends on an error page.
 */
export async function finishConsent(
  deps: AppDeps,
  userId: string,
  params: URLSearchParams,
): Promise<ConsentOutcome> {
  const now = deps.clock();
  const state = params.get("state") ?? "";
  const pending = state ? await deps.accounts.takePendingConsent(userId, state, now) : undefined;
  if (!pending) {
    return problem(
      400,
      "This sign-in link is not valid",
      "It was already used, it expired, or it was not started from this browser.",
      "Start again from the connect page.",
    );
  }
  if (params.get("error") === "access_denied") {
    return problem(
      403,
      "You did not allow access",
      "Google's screen was closed or access was declined, so nothing was exported.",
      "To export your data, connect again and choose Allow on Google's screen.",
    );
  }
  let tokens: Awaited<ReturnType<typeof exchangeAuthorizationCode>>;
  try {
    tokens = await exchangeAuthorizationCode({
      ...deps.google.oauth,
      redirectUri: `${deps.publicUrl}/oauth/callback`,
      callbackUrl: params,
      expectedState: state,
      codeVerifier: pending.codeVerifier,
      requested: pending.resources,
    });
  } catch (error) {
    if (!(error instanceof OAuthError)) throw error;
    deps.log(`consent of user ${userId} failed: ${describeError(error)}`);
    return problem(
      400,
      "Google did not confirm the sign-in",
      `Google refused it (${error.error}). The link may have been used already or expired.`,
      "Start again from the connect page.",
    );
  }
  if (tokens.granted.length === 0) {
    return problem(
      403,
      "Nothing to export",
      "None of the data you chose was allowed on Google's screen.",
      "Connect again and tick the boxes on Google's screen to allow what you want exported.",
    );
  }
  if (!tokens.refreshToken) {
    return problem(
      502,
      "Google sent no lasting access",
      "Archives take hours to prepare, so we need offline access, and Google did not give it this time.",
      "Remove this app under “Third-party connections” in your Google Account, then connect again.",
    );
  }
  const client = deps.google.clientFor({ ...tokens, refreshToken: tokens.refreshToken });
  const access = await client.checkAccessType();
  const accessType: AccessType = tokens.granted.every((r) => access.timeBasedResources.includes(r))
    ? "TIME_BASED"
    : "ONE_TIME";
  // The consent is stored before the export starts: a one-time consent is never spent on a job
  // whose refresh token was not kept.
  const consentId = await deps.accounts.saveConsent({
    userId,
    refreshToken: tokens.refreshToken,
    requested: pending.resources,
    granted: tokens.granted,
    missing: tokens.missing,
    accessType,
    now,
  });
  let saved: Awaited<ReturnType<typeof startExport>>;
  try {
    saved = await startExport(client, {
      resources: tokens.granted as Resource[],
      retryFailed: true,
    });
  } catch (error) {
    if (!(error instanceof PortabilityApiError)) throw error;
    deps.log(`export of user ${userId} not started: ${describeError(error)}`);
    return initiateProblem(error);
  }
  const exportId = await deps.exports.create({
    userId,
    consentId,
    resources: tokens.granted,
    saved,
    jobId: saved.jobId,
    nextCheckAt: new Date(saved.nextCheckAt),
    now,
  });
  deps.log(`export ${exportId} of user ${userId} started (job ${saved.jobId})`);
  return { kind: "export", exportId };
}
