import type http from "node:http";
import type https from "node:https";
import type { Clock } from "@dataportability/core";
import type { ArchiveUrls } from "./archive-urls.js";
import type { DownloadEvent } from "./download-events.js";
import type { ProgressTracker } from "./progress-tracker.js";

/** Everything one file download shares with the others. */
export interface DownloadContext {
  urls: ArchiveUrls;
  clock: Clock;
  signal: AbortSignal;
  tracker: ProgressTracker;
  emit: (event: DownloadEvent) => void;
  agents: { http: http.Agent; https: https.Agent };
  retries: number;
  retryDelayMs: number;
  expiryMarginMs: number;
  idleTimeoutMs: number;
  progressIntervalMs: number;
  replaceExisting: boolean;
  /** `"crc32c"`: CRC32C when announced, else MD5; `"all"`: every announced checksum. */
  checksums: "crc32c" | "all";
  sha256: boolean;
  /** The most slices of one file fetched at once (1: one stream). */
  slices: number;
  /** `"adaptive"`: start with one slice, add more while they raise the rate; `"always"`: all at once. */
  slicing: "adaptive" | "always";
  /** Files from this size on are fetched in slices. */
  sliceThresholdBytes: number;
  userAgent: string | undefined;
}
