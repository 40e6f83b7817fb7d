import {
  ArchiveCancelledError,
  ArchiveFailedError,
  InvalidArgumentError,
  PortabilityApiError,
  WaitTimeoutError,
} from "@dataportability/core";
import { OAuthError } from "@dataportability/core/oauth";

/** What a failed round means for the export, in words a user understands. */
export interface ExportProblem {
  /** True when trying again cannot help: the export stops (phase `failed`). */
  final: boolean;
  words: string;
}

const AGAIN = "It is tried again automatically.";

/**
 * Sorts an error of a check, download or reset into "stop" or "try again later", with a
 * sentence for the status page.
 */
export function exportProblem(error: unknown): ExportProblem {
  if (error instanceof ArchiveFailedError) {
    return { final: true, words: "Google could not prepare the archive, even after retrying." };
  }
  if (error instanceof ArchiveCancelledError) {
    return { final: true, words: "The export was cancelled in your Google Account." };
  }
  if (error instanceof WaitTimeoutError) {
    return {
      final: true,
      words: "Google took more than a week to prepare the archive; we stopped waiting.",
    };
  }
  if (error instanceof OAuthError && error.error === "invalid_grant") {
    return {
      final: true,
      words: "Your permission was withdrawn or has expired. Connect again to export your data.",
    };
  }
  if (error instanceof InvalidArgumentError) {
    return { final: true, words: `The stored state of this export is damaged (${error.field}).` };
  }
  if (error instanceof PortabilityApiError) {
    if (error.httpStatus === 401 || error.httpStatus === 403) {
      return {
        final: true,
        words:
          "Google refused access to this export: the permission was withdrawn. Connect again to export.",
      };
    }
    if (error.httpStatus === 404) {
      return {
        final: true,
        words: "Google no longer knows this export (archives are kept 14 days).",
      };
    }
    return { final: false, words: `Google answered with an error (${error.httpStatus}). ${AGAIN}` };
  }
  return { final: false, words: `The last attempt was interrupted. ${AGAIN}` };
}
