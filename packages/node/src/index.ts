export { ArchiveHasher } from "./archive-hasher.js";
export type { ArchiveEntry, ArchiveLimits } from "./archive-reader.js";
export { listArchiveEntries, openArchiveEntry } from "./archive-reader.js";
export type { ArchiveStateReader } from "./archive-urls.js";
export type { DownloadArchiveResult } from "./download-archive.js";
export { downloadArchive } from "./download-archive.js";
export type { DownloadEvent, DownloadedFile } from "./download-events.js";
export type { DownloadArchiveOptions } from "./download-options.js";
export { resolveEntryPath } from "./entry-path.js";
export type { ArchiveLimit, DownloadFailureReason, VerificationCheck } from "./errors.js";
export {
  ArchiveDownloadError,
  ArchiveTooLargeError,
  ArchiveVerificationError,
  ArchiveWriteError,
  UnsafeArchiveEntryError,
} from "./errors.js";
export type { ExtractArchiveOptions, ExtractArchiveResult } from "./extract-archive.js";
export { extractArchive } from "./extract-archive.js";
export { archiveFileNames, safeFileName } from "./file-names.js";
export type { FileTokenStoreOptions, TokenStore } from "./file-token-store.js";
export { createFileTokenStore, defaultConfigDir, TokenStoreError } from "./file-token-store.js";
export type { ObjectHashes } from "./goog-hash.js";
export { parseGoogHash } from "./goog-hash.js";
export type { GoogleAuthClientLike } from "./google-auth-provider.js";
export { googleAuthTokenProvider } from "./google-auth-provider.js";
export type {
  LoopbackReceiver,
  LoopbackReceiverOptions,
  LoopbackRedirect,
} from "./loopback-receiver.js";
export { MIN_STATE_LENGTH, startLoopbackReceiver } from "./loopback-receiver.js";
export type { LoopbackSignInOptions, LoopbackSignInResult } from "./loopback-sign-in.js";
export { loopbackSignIn } from "./loopback-sign-in.js";
export type { LoopbackFailure } from "./oauth-loopback-error.js";
export { LoopbackSignInError } from "./oauth-loopback-error.js";
export { openArchiveFile } from "./open-archive-file.js";
export { openBrowser } from "./open-browser.js";
export type { PartSidecar, SliceProgress } from "./part-file.js";
export type { TimeSource, TransferProgress } from "./progress-tracker.js";
export { ProgressTracker } from "./progress-tracker.js";
export type { CredentialsData } from "./stored-credentials.js";
export { StoredCredentials } from "./stored-credentials.js";
export type { StoredTokenProviderOptions } from "./stored-token-provider.js";
export { createStoredTokenProvider, SignInRequiredError } from "./stored-token-provider.js";
