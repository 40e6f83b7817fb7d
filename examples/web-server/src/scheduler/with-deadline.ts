/**
 * Runs `work` with a signal that aborts after `ms`, and drops the timer as soon as `work` ends.
 * (`AbortSignal.timeout` would keep each check's signal, its timer and the listeners of its
 * requests alive for the whole `ms`: thousands of checks a minute then fill the old heap.)
 *
 * @example
 * ```ts
 * const round = await withDeadline(60_000, (signal) => checkArchive(client, saved, { signal }));
 * ```
 */
export async function withDeadline<T>(
  ms: number,
  work: (signal: AbortSignal) => Promise<T>,
): Promise<T> {
  const deadline = new AbortController();
  const timer = setTimeout(
    () => deadline.abort(new DOMException(`no answer within ${ms} ms`, "TimeoutError")),
    ms,
  );
  try {
    return await work(deadline.signal);
  } finally {
    clearTimeout(timer);
  }
}
