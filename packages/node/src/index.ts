export type { ArchiveEntry, ArchiveLimits } from "./archive/archive-reader.js";
export { listArchiveEntries, openArchiveEntry } from "./archive/archive-reader.js";
export { resolveEntryPath } from "./archive/entry-path.js";
export type { ExtractArchiveOptions, ExtractArchiveResult } from "./archive/extract-archive.js";
export { extractArchive } from "./archive/extract-archive.js";
export { openArchiveFile } from "./archive/open-archive-file.js";
export type { FileTokenStoreOptions, TokenStore } from "./auth/file-token-store.js";
export {
  createFileTokenStore,
  defaultConfigDir,
  TokenStoreError,
} from "./auth/file-token-store.js";
export type { GoogleAuthClientLike } from "./auth/google-auth-provider.js";
export { googleAuthTokenProvider } from "./auth/google-auth-provider.js";
export type {
  LoopbackReceiver,
  LoopbackReceiverOptions,
  LoopbackRedirect,
} from "./auth/loopback-receiver.js";
export { MIN_STATE_LENGTH, startLoopbackReceiver } from "./auth/loopback-receiver.js";
export type { LoopbackSignInOptions, LoopbackSignInResult } from "./auth/loopback-sign-in.js";
export { loopbackSignIn } from "./auth/loopback-sign-in.js";
export type { LoopbackFailure } from "./auth/oauth-loopback-error.js";
export { LoopbackSignInError } from "./auth/oauth-loopback-error.js";
export { openBrowser } from "./auth/open-browser.js";
export type { CredentialsData } from "./auth/stored-credentials.js";
export { StoredCredentials } from "./auth/stored-credentials.js";
export type { StoredTokenProviderOptions } from "./auth/stored-token-provider.js";
export { createStoredTokenProvider, SignInRequiredError } from "./auth/stored-token-provider.js";
export type { ArchiveStateReader } from "./download/archive-urls.js";
export type { DownloadArchiveResult } from "./download/download-archive.js";
export { downloadArchive } from "./download/download-archive.js";
export type { DownloadEvent, DownloadedFile } from "./download/download-events.js";
export type { DownloadArchiveOptions } from "./download/download-options.js";
export { archiveFileNames, safeFileName } from "./download/file-names.js";
export type { TimeSource, TransferProgress } from "./download/progress-tracker.js";
export { ProgressTracker } from "./download/progress-tracker.js";
export type { ArchiveLimit, DownloadFailureReason, VerificationCheck } from "./errors.js";
export {
  ArchiveDownloadError,
  ArchiveTooLargeError,
  ArchiveVerificationError,
  ArchiveWriteError,
  UnsafeArchiveEntryError,
} from "./errors.js";
export { ArchiveHasher } from "./files/archive-hasher.js";
export type { PartSidecar, SliceProgress } from "./files/part-file.js";
export type { ObjectHashes } from "./storage/goog-hash.js";
export { parseGoogHash } from "./storage/goog-hash.js";
