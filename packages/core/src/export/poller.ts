/**
 * A running poll: await it for the result, watch it with `onProgress`, end it with `stop()`.
 *
 * @example
 * ```ts
 * const poller: Poller<ArchiveState, ArchiveProgress> = pollArchive(client, jobId);
 * const off = poller.onProgress((p) => console.log(p.state));
 * const state = await poller;
 * off();
 * ```
 */
export interface Poller<T, P> extends PromiseLike<T> {
  /** Subscribes to progress after each check; returns the unsubscribe function. */
  onProgress(listener: (progress: P) => void): () => void;
  /** Stops polling; the poller rejects with an `AbortError` and can still be serialized. */
  stop(): void;
}
