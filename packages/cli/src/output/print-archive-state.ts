import { signedUrlExpiry } from "@dataportability/core";
import { formatMoment } from "./format.js";
import type { Output } from "./output.js";

/**
 * The parts of a job's state the command prints.
 *
 * @example
 * ```ts
 * const state: PrintableState = { jobId: "abc", state: "COMPLETE", urls: [] };
 * ```
 */
export interface PrintableState {
  jobId: string;
  state: string;
  urls: readonly string[];
  startTime?: Date | undefined;
  exportTime?: Date | undefined;
}

/**
 * A signed URL without its query (the signature is a secret): what the command may show.
 *
 * @example
 * ```ts
 * publicUrl("https://storage.googleapis.com/b/o.zip?X-Goog-Signature=abc"); // "https://storage.googleapis.com/b/o.zip"
 * ```
 */
export function publicUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.origin}${parsed.pathname}`;
  } catch {
    return url.split("?")[0] ?? "";
  }
}

/**
 * Prints a job's state for people (stdout) or as the `--json` document, never with a URL's
 * signature.
 *
 * @example
 * ```ts
 * printArchiveState(out, await client.getArchiveState(jobId));
 * ```
 */
export function printArchiveState(out: Output, state: PrintableState): void {
  const expiries = state.urls
    .map((url) => signedUrlExpiry(url))
    .filter((date): date is Date => date instanceof Date);
  const urlsExpireAt = expiries.length
    ? new Date(Math.min(...expiries.map((d) => d.getTime())))
    : undefined;
  out.data({
    ok: true,
    jobId: state.jobId,
    state: state.state,
    archives: state.urls.map(publicUrl),
    urlsExpireAt: urlsExpireAt?.toISOString(),
    startTime: state.startTime?.toISOString(),
    exportTime: state.exportTime?.toISOString(),
  });
  const { c } = out;
  const colour =
    state.state === "COMPLETE" ? c.green : state.state === "IN_PROGRESS" ? c.yellow : c.red;
  out.result(`Job ${c.bold(state.jobId)}: ${colour(state.state)}`);
  if (state.startTime) out.result(`  data from    ${state.startTime.toISOString()}`);
  if (state.exportTime) out.result(`  data up to   ${state.exportTime.toISOString()}`);
  if (state.urls.length > 0) {
    out.result(`  archives     ${state.urls.length}`);
    for (const url of state.urls) out.result(`    ${publicUrl(url)}`);
    if (urlsExpireAt) out.result(`  links expire ${formatMoment(urlsExpireAt)}`);
    out.result(c.dim(`Download them with: dataportability download ${state.jobId}`));
  } else if (state.state === "IN_PROGRESS") {
    out.result(c.dim(`Wait for it with: dataportability wait ${state.jobId}`));
  } else if (state.state === "FAILED") {
    out.result(c.dim(`Start it again with: dataportability retry ${state.jobId}`));
  }
}
