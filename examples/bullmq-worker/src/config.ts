// Settings of the example service, from the environment.
import path from "node:path";

const env = process.env;

export const config = {
  /** Redis of the pipeline. */
  redisUrl: env["REDIS_URL"] ?? "redis://127.0.0.1:6379",
  /** Pipeline name: one per Google project (its rate limit is shared by every worker). */
  pipeline: env["PIPELINE"] ?? "dataportability",
  /** The Data Portability API; point it at an emulator to try things out. */
  apiUrl: env["DATAPORTABILITY_API_URL"] ?? "https://dataportability.googleapis.com",
  /** Where each user's OAuth credentials are (one 0600 file per user, see `tokens.ts`). */
  tokensDir: path.resolve(env["TOKENS_DIR"] ?? "var/tokens"),
  /** Where archives are stored. */
  exportsDir: path.resolve(env["EXPORTS_DIR"] ?? "var/exports"),
  /** Downloads in progress; share it between workers on one machine to resume each other's. */
  workDir: path.resolve(env["WORK_DIR"] ?? "var/work"),
  /** The OAuth client that obtained the users' consent (to refresh their access tokens). */
  clientId: env["GOOGLE_CLIENT_ID"] ?? "",
  clientSecret: env["GOOGLE_CLIENT_SECRET"],
  /** Token endpoint override (an emulator's). */
  tokenUrl: env["GOOGLE_TOKEN_URL"],
  concurrency: {
    exports: Number(env["EXPORT_CONCURRENCY"] ?? 20),
    downloads: Number(env["DOWNLOAD_CONCURRENCY"] ?? 2),
  },
  /** API requests per second for the whole Google project. */
  ratePerSecond: Number(env["RATE_PER_SECOND"] ?? 10),
  /**
   * Demo only: run every scheduled wake-up (state checks, retries) after this many real
   * milliseconds instead of at its real time, so an emulated export takes seconds.
   */
  fastDelayMs: env["FAST_DELAY_MS"] ? Number(env["FAST_DELAY_MS"]) : undefined,
};
