/**
 * The error classes of `@dataportability/node`, importable as `@dataportability/node/errors`
 * without loading the downloader, the archive reader or the sign-in code, so a program can
 * recognise them with `instanceof` before it needs anything else of the package.
 *
 * @example
 * ```ts
 * import { ArchiveDownloadError } from "@dataportability/node/errors";
 *
 * if (error instanceof ArchiveDownloadError) console.error(error.reason);
 * ```
 *
 * @module
 */

export { TokenStoreError } from "./auth/file-token-store.js";
export type { LoopbackFailure } from "./auth/oauth-loopback-error.js";
export { LoopbackSignInError } from "./auth/oauth-loopback-error.js";
export { SignInRequiredError } from "./auth/stored-token-provider.js";
export type { ArchiveLimit, DownloadFailureReason, VerificationCheck } from "./errors.js";
export {
  ArchiveDownloadError,
  ArchiveTooLargeError,
  ArchiveVerificationError,
  ArchiveWriteError,
  UnsafeArchiveEntryError,
} from "./errors.js";
