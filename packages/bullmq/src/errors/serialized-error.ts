import {
  ArchiveCancelledError,
  ArchiveFailedError,
  type ArchiveStateName,
  InvalidArgumentError,
  PortabilityApiError,
  redactSecrets,
  WaitTimeoutError,
} from "@dataportability/core";
import {
  ArchiveDownloadError,
  ArchiveVerificationError,
  type DownloadFailureReason,
  type VerificationCheck,
} from "@dataportability/node";
import type { SerializedExportError } from "../export-types.js";
import {
  ExportFailedError,
  RetriesExhaustedError,
  TokenUnavailableError,
} from "./export-errors.js";

const FIELDS: Record<string, readonly string[]> = {
  PortabilityApiError: [
    "httpStatus",
    "code",
    "serverMessage",
    "details",
    "retryAfterMs",
    "operation",
  ],
  ArchiveFailedError: ["jobId", "jobIds"],
  ArchiveCancelledError: ["jobId"],
  WaitTimeoutError: ["jobId", "waitedMs", "lastState"],
  ArchiveVerificationError: ["fileName", "url", "check", "expected", "actual"],
  ArchiveDownloadError: ["fileName", "url", "reason", "httpStatus"],
  InvalidArgumentError: ["field", "allowed", "suggestion"],
  TokenUnavailableError: ["userId"],
  RetriesExhaustedError: ["attempts", "lastError"],
};

const redact = (text: string) => redactSecrets(text, []);

/**
 * Turns any thrown value into a {@link SerializedExportError} that is safe to keep in Redis.
 *
 * @example
 * ```ts
 * const stored = serializeExportError(new ArchiveCancelledError("42"));
 * ```
 */
export function serializeExportError(error: unknown): SerializedExportError {
  if (!(error instanceof Error)) {
    return { name: "Error", message: redact(String(error)), fields: {} };
  }
  const fields: Record<string, unknown> = {};
  for (const key of FIELDS[error.name] ?? []) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (value !== undefined) fields[key] = value;
  }
  // Only JSON survives, and secrets never do.
  const safe = JSON.parse(redact(JSON.stringify(fields))) as Record<string, unknown>;
  return { name: error.name, message: redact(error.message), fields: safe };
}

const str = (value: unknown) => (typeof value === "string" ? value : undefined);
const num = (value: unknown) => (typeof value === "number" ? value : undefined);
const strings = (value: unknown) =>
  Array.isArray(value) ? value.filter((v): v is string => typeof v === "string") : undefined;

/**
 * Rebuilds the typed error of a dead export: `PortabilityApiError`, `ArchiveFailedError`,
 * `ArchiveCancelledError`, `WaitTimeoutError`, `ArchiveVerificationError`,
 * `ArchiveDownloadError`, `InvalidArgumentError`, {@link TokenUnavailableError},
 * {@link RetriesExhaustedError}, or {@link ExportFailedError} for anything else.
 *
 * @example
 * ```ts
 * const error = reviveExportError(job.data.error);
 * if (error instanceof PortabilityApiError && error.isOneTimeExhausted) askForNewConsent();
 * ```
 */
export function reviveExportError(stored: SerializedExportError): Error {
  const f = stored.fields ?? {};
  switch (stored.name) {
    case "PortabilityApiError": {
      return new PortabilityApiError({
        httpStatus: num(f["httpStatus"]) ?? 500,
        code: str(f["code"]),
        message: str(f["serverMessage"]) ?? stored.message,
        details: Array.isArray(f["details"]) ? f["details"] : [],
        retryAfterMs: num(f["retryAfterMs"]),
        operation: str(f["operation"]),
      });
    }
    case "ArchiveFailedError":
      return new ArchiveFailedError(str(f["jobId"]) ?? "", strings(f["jobIds"]));
    case "ArchiveCancelledError":
      return new ArchiveCancelledError(str(f["jobId"]) ?? "");
    case "WaitTimeoutError":
      return new WaitTimeoutError(
        str(f["jobId"]) ?? "",
        num(f["waitedMs"]) ?? 0,
        str(f["lastState"]) as ArchiveStateName | undefined,
      );
    case "ArchiveVerificationError":
      return new ArchiveVerificationError({
        fileName: str(f["fileName"]) ?? "",
        url: str(f["url"]) ?? "",
        check: (str(f["check"]) ?? "size") as VerificationCheck,
        expected: str(f["expected"]) ?? "",
        actual: str(f["actual"]) ?? "",
      });
    case "ArchiveDownloadError": {
      const httpStatus = num(f["httpStatus"]);
      const error = new ArchiveDownloadError(
        {
          fileName: str(f["fileName"]) ?? "",
          url: str(f["url"]) ?? "",
          reason: (str(f["reason"]) ?? "network") as DownloadFailureReason,
          ...(httpStatus !== undefined ? { httpStatus } : {}),
        },
        "",
      );
      error.message = stored.message;
      return error;
    }
    case "InvalidArgumentError": {
      const error = new InvalidArgumentError(str(f["field"]) ?? "", "", str(f["allowed"]) ?? "");
      error.message = stored.message;
      return error;
    }
    case "TokenUnavailableError":
      return new TokenUnavailableError(str(f["userId"]) ?? "");
    case "RetriesExhaustedError": {
      const last = (f["lastError"] ?? {}) as { name?: unknown; message?: unknown };
      return new RetriesExhaustedError(num(f["attempts"]) ?? 0, {
        name: str(last.name) ?? "Error",
        message: str(last.message) ?? "",
      });
    }
    default:
      return new ExportFailedError(stored.name, stored.message);
  }
}
