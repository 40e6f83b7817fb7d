import { signedUrlExpiry } from "@dataportability/core";

/**
 * When the first of a job's signed archive URLs stops working (V4 `X-Goog-Date` +
 * `X-Goog-Expires`), or `undefined` when none of them says.
 *
 * @example
 * ```ts
 * const expiresAt = archiveUrlsExpireAt(state.urls);
 * if (expiresAt) console.log(`Download before ${expiresAt.toLocaleTimeString()}`);
 * ```
 */
export function archiveUrlsExpireAt(urls: readonly string[]): Date | undefined {
  let earliest: Date | undefined;
  for (const url of urls) {
    const expiry = signedUrlExpiry(url);
    if (expiry && (!earliest || expiry < earliest)) earliest = expiry;
  }
  return earliest;
}
