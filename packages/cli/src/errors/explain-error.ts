import {
  ArchiveCancelledError,
  ArchiveFailedError,
  ArchiveNotReadyError,
  InvalidArgumentError,
  PortabilityApiError,
  WaitTimeoutError,
} from "@dataportability/core";
import { OAuthError } from "@dataportability/core/oauth";
// The errors subpath only: the rest of the Node package loads when a command needs it.
import {
  ArchiveDownloadError,
  ArchiveTooLargeError,
  ArchiveVerificationError,
  ArchiveWriteError,
  TokenStoreError,
  UnsafeArchiveEntryError,
} from "@dataportability/node/errors";
import { formatMoment } from "../output/format.js";
import { CliError } from "./cli-error.js";
import { EXIT_CODES, type ExitCode } from "./exit-codes.js";

/**
 * What the command tells the user about a failure: what happened, what to do, which exit code.
 *
 * @example
 * ```ts
 * const { exitCode, message, hint } = explainError(error, { server: "Google" });
 * ```
 */
export interface ErrorExplanation {
  /** The documented exit code the process ends with. */
  exitCode: ExitCode;
  /** A stable name for `--json` output: `auth`, `quota`, `usage`, ... */
  code: string;
  /** What happened, in one sentence for the user. */
  message: string;
  /** What to do next, when there is advice. */
  hint?: string | undefined;
  /** The server's reason (`google.rpc.ErrorInfo`), e.g. `RESOURCE_EXHAUSTED_ONE_TIME`. */
  reason?: string | undefined;
  /** The HTTP status of the server's answer. */
  httpStatus?: number | undefined;
  /** The job the failure is about (the running job for `ALREADY_EXISTS`). */
  jobId?: string | undefined;
  /** When a new export is allowed (time-based access), ISO 8601. */
  nextAllowedAt?: string | undefined;
  /** Jobs of the consent that was used up, whose archives may still be downloaded. */
  previousJobIds?: string[] | undefined;
  /** How long the server asked to wait before trying again, in milliseconds. */
  retryAfterMs?: number | undefined;
  /** The file or folder a disk error is about. */
  path?: string | undefined;
}

/**
 * Facts about the run that make an explanation precise.
 *
 * @example
 * ```ts
 * const context: ExplainContext = { server: "the embedded emulator", embedded: true };
 * ```
 */
export interface ExplainContext {
  /** Who answered: "Google", "the embedded emulator", "the emulator at http://...". */
  server?: string;
  /** True when the emulator lives only inside this process (jobs vanish when it exits). */
  embedded?: boolean;
  /** The job the command was about, for hints. */
  jobId?: string | undefined;
  /** Whether Ctrl-C (or the caller's signal) stopped the run. */
  interrupted?: boolean;
  /** Shown after an interruption. */
  interruptHint?: string | undefined;
  /** The current time, for waits such as when the next export is allowed. Default `new Date()`. */
  now?: Date;
  /** The environment variable the credentials came from, for hints about refused ones. */
  credentialsVariable?: string | undefined;
  /** `DATAPORTABILITY_DEBUG` is set: stack traces are printed already. */
  debug?: boolean | undefined;
}

const field = <T>(error: unknown, key: string): T | undefined =>
  (error as Record<string, T> | null)?.[key];

// Aborts are the platform's: a DOMException from fetch and AbortSignal, or Node's ABORT_ERR.
const isAbort = (error: unknown) =>
  (error instanceof DOMException && error.name === "AbortError") ||
  field<string>(error, "code") === "ABORT_ERR";

/**
 * Maps any error to a message that says what happened and what to do, and to the documented
 * exit code. Token values never appear: messages come from errors that hold none, and
 * the command's output masks secrets once more with a {@link Redactor}.
 *
 * @example
 * ```ts
 * const explanation = explainError(error, { server: "Google", jobId });
 * out.error(explanation.message);
 * return explanation.exitCode;
 * ```
 */
export function explainError(error: unknown, context: ExplainContext = {}): ErrorExplanation {
  const server = context.server ?? "The server";
  const Server = server.charAt(0).toUpperCase() + server.slice(1);
  if (context.interrupted || isAbort(error)) {
    return {
      exitCode: EXIT_CODES.interrupted,
      code: "interrupted",
      message: "Interrupted.",
      hint: context.interruptHint,
    };
  }
  if (error instanceof CliError) {
    return { exitCode: error.exitCode, code: error.code, message: error.message, hint: error.hint };
  }
  if (error instanceof PortabilityApiError) {
    const explanation = explainApiError(error, Server, context);
    return {
      ...explanation,
      reason: error.reason,
      httpStatus: error.httpStatus,
      jobId: error.existingJobId ?? context.jobId,
      nextAllowedAt: error.nextAllowedAt?.toISOString(),
      previousJobIds: error.previousJobIds?.length ? [...error.previousJobIds] : undefined,
      retryAfterMs: error.retryAfterMs,
      hint:
        error.httpStatus === 401 && context.credentialsVariable
          ? refusedVariableHint(context.credentialsVariable)
          : explanation.hint,
    };
  }
  if (error instanceof InvalidArgumentError) {
    return { exitCode: EXIT_CODES.usage, code: "usage", message: error.message };
  }
  if (error instanceof ArchiveFailedError) {
    return {
      exitCode: EXIT_CODES.jobFailed,
      code: "job-failed",
      jobId: error.jobId,
      message: error.message + ".",
      hint:
        error.jobIds.length > 3
          ? "Google allows 3 retries per consent, and the 3 retries of this consent are used: run `dataportability reset`, then `dataportability login` to consent again and start a new export."
          : `\`dataportability retry ${error.jobId}\` starts it again as a new job (up to 3 retries per consent); \`dataportability export --resume\` then follows it.`,
    };
  }
  if (error instanceof ArchiveCancelledError) {
    return {
      exitCode: EXIT_CODES.jobFailed,
      code: "job-cancelled",
      jobId: error.jobId,
      message: error.message + ".",
      hint: "Start a new export with `dataportability export --resource ...`.",
    };
  }
  if (error instanceof WaitTimeoutError) {
    return {
      exitCode: EXIT_CODES.unexpected,
      code: "wait-timeout",
      jobId: error.jobId,
      message: error.message + "; the job keeps running on the server.",
      hint: `\`dataportability wait ${error.jobId}\` carries on waiting; \`dataportability status ${error.jobId}\` checks once.`,
    };
  }
  if (error instanceof ArchiveNotReadyError) {
    return {
      exitCode: EXIT_CODES.usage,
      code: "not-ready",
      jobId: error.jobId,
      message: error.message + ".",
      hint: `\`dataportability wait ${error.jobId}\` waits until it is COMPLETE.`,
    };
  }
  if (error instanceof ArchiveVerificationError) {
    return {
      exitCode: EXIT_CODES.verification,
      code: "verification",
      message: `Verification failed: ${error.message}.`,
      hint: "Run the same command again to download that archive afresh.",
    };
  }
  if (error instanceof UnsafeArchiveEntryError || error instanceof ArchiveTooLargeError) {
    return {
      exitCode: EXIT_CODES.verification,
      code: "unsafe-archive",
      message: `${error.message}.`,
      hint: "The archive was kept but not extracted; inspect it with a zip tool you trust.",
    };
  }
  if (error instanceof ArchiveDownloadError) {
    const jobId = context.jobId ?? "<job>";
    return {
      exitCode: EXIT_CODES.unexpected,
      code: "download",
      message: `Download failed: ${error.message}.`,
      hint:
        error.reason === "url-expired"
          ? `The download links expired; \`dataportability download ${jobId}\` fetches fresh ones and resumes.`
          : error.reason === "not-an-archive"
            ? "Something between you and Google Cloud Storage answered instead (a captive portal or a proxy): sign in to the network or bypass the proxy, then run the same command again."
            : "Run the same command again: it resumes from the partial (.part) file.",
    };
  }
  if (error instanceof ArchiveWriteError) {
    return {
      exitCode: EXIT_CODES.disk,
      code: "disk",
      path: error.path,
      message: `${error.message}.`,
      hint: `Free space or fix the permissions of ${error.path}, or choose another --out; the same command then carries on from the partial (.part) files.`,
    };
  }
  if (error instanceof TokenStoreError) {
    return {
      exitCode: EXIT_CODES.auth,
      code: "auth",
      message: `The stored login cannot be read: ${error.message}.`,
      hint: "Run `dataportability login` again to replace it.",
    };
  }
  if (error instanceof OAuthError && context.credentialsVariable) {
    return {
      exitCode: EXIT_CODES.auth,
      code: "auth",
      message: `${Server} refused the credentials in ${context.credentialsVariable}: ${error.message}.`,
      hint: refusedVariableHint(context.credentialsVariable),
    };
  }
  if (error instanceof OAuthError) {
    return {
      exitCode: EXIT_CODES.auth,
      code: "auth",
      message: `Sign-in failed: ${error.message}`,
      hint: "Run `dataportability login` again and approve every requested resource.",
    };
  }
  const network = networkProblem(error);
  if (network) {
    return {
      exitCode: EXIT_CODES.unexpected,
      code: "network",
      message: `Could not reach ${server === "The server" ? "the server" : server}: ${network}.`,
      hint: "Check the network connection (and any proxy), then run the command again.",
    };
  }
  const message = error instanceof Error ? error.message : String(error);
  return {
    exitCode: EXIT_CODES.unexpected,
    code: "unexpected",
    message: `Unexpected error: ${message}`,
    hint: context.debug
      ? "Please report it with the stack trace below."
      : "Set DATAPORTABILITY_DEBUG=1 to print the stack trace, and please report it.",
  };
}

function refusedVariableHint(variable: string): string {
  const why = variable.endsWith("ACCESS_TOKEN")
    ? "an access token lasts about an hour"
    : "a refresh token stops working when access is revoked, after 7 days for an app in Testing, or with another OAuth client";
  return `Set a fresh ${variable} (${why}), or unset it and run \`dataportability login\`.`;
}

function explainApiError(
  error: PortabilityApiError,
  Server: string,
  context: ExplainContext,
): ErrorExplanation {
  const now = context.now ?? new Date();
  const status = `${error.httpStatus} ${error.code}${error.reason ? ` / ${error.reason}` : ""}`;
  const detail = serverSays(error);
  const previous = error.previousJobIds ?? [];
  const downloadHint =
    previous.length > 0
      ? ` Earlier job${previous.length > 1 ? "s" : ""}: ${previous.join(", ")}; \`dataportability download ${previous[0]}\` fetches its archives while they last (14 days).`
      : "";

  if (error.reason === "RESOURCE_EXHAUSTED_ONE_TIME") {
    return {
      exitCode: EXIT_CODES.quota,
      code: "quota-one-time",
      message: `This one-time consent has been used (${status}): each one-time consent allows a single export.`,
      hint: `Download that export's archives, run \`dataportability reset\` after downloading, then \`dataportability login\` again to consent to a new export.${downloadHint}`,
    };
  }
  if (error.isTimeBasedExhausted || error.nextAllowedAt) {
    const next = error.nextAllowedAt;
    return {
      exitCode: EXIT_CODES.quota,
      code: "quota-time-based",
      message: `An export already ran in the last 24 hours (${status}); time-based access allows one export per 24 hours.`,
      hint: `${next ? `The next export is allowed at ${formatMoment(next, now)}.` : "Try again 24 hours after the previous export."}${downloadHint}`,
    };
  }
  switch (error.httpStatus) {
    case 401:
      return {
        exitCode: EXIT_CODES.auth,
        code: "auth",
        message: `${Server} refused the credentials (${status}): the access token expired or was revoked.${detail}`,
        hint: "Run `dataportability login` to sign in again (or set fresh DATAPORTABILITY_* variables).",
      };
    case 403:
      return {
        exitCode: EXIT_CODES.auth,
        code: "permission",
        message: `The login does not authorize this (${status}).${detail}`,
        hint: "Run `dataportability login --resource <name>...` and grant every resource you want to export; `dataportability access` lists what the login holds.",
      };
    case 429:
      return {
        exitCode: EXIT_CODES.quota,
        code: "rate-limited",
        message: `${Server} is rate limiting requests (${status}).${detail}`,
        hint:
          error.retryAfterMs !== undefined
            ? `Try again after ${formatMoment(new Date(now.getTime() + error.retryAfterMs), now)}.`
            : "Wait a minute and try again.",
      };
    case 404:
      return {
        exitCode: EXIT_CODES.usage,
        code: "not-found",
        message: `${Server} knows no such ${context.jobId ? `job "${context.jobId}"` : "resource"} (${status}).${detail}`,
        hint: context.embedded
          ? "The embedded emulator keeps jobs only while one command runs, so jobs from an earlier command are gone. `dataportability export` does the whole flow in one run; to keep emulator jobs between commands, run `dataportability emulator` in another terminal and set DATAPORTABILITY_EMULATOR_URL as it says."
          : "Check the job ID: `dataportability export` prints it, and jobs are kept for 14 days.",
      };
    case 400:
    case 412:
      return {
        exitCode: EXIT_CODES.usage,
        code: "invalid",
        message: `${Server} refused the request (${status}).${detail}`,
        hint:
          error.code === "FAILED_PRECONDITION"
            ? "`retry` works only on a FAILED job and `cancel` only on one IN_PROGRESS; `dataportability status <job>` shows its state."
            : undefined,
      };
    case 409:
      return {
        exitCode: EXIT_CODES.unexpected,
        code: "already-exists",
        message: `An identical export is already running${error.existingJobId ? `: job ${error.existingJobId}` : ""} (${status}).`,
        hint: error.existingJobId
          ? `\`dataportability wait ${error.existingJobId}\` then \`dataportability download ${error.existingJobId}\`.`
          : undefined,
      };
  }
  return {
    exitCode: EXIT_CODES.unexpected,
    code: "server",
    message: `${Server} failed (${status}), also after retries.${detail}`,
    hint: "Try again later; the job (if any) keeps running on the server.",
  };
}

function serverSays(error: PortabilityApiError): string {
  const text = error.serverMessage.trim();
  return text ? ` ${text.endsWith(".") ? text : `${text}.`}` : "";
}

function networkProblem(error: unknown): string | undefined {
  let current: unknown = error;
  for (let depth = 0; current && depth < 4; depth++) {
    const code = field<string>(current, "code");
    if (
      code &&
      /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|UND_ERR_\w+)$/.test(code)
    ) {
      return code;
    }
    if (current instanceof DOMException && current.name === "TimeoutError") return "timed out";
    if (current instanceof TypeError && current.message === "fetch failed") {
      current = current.cause;
      if (!current) return "fetch failed";
      continue;
    }
    current = field<unknown>(current, "cause");
  }
  return undefined;
}
