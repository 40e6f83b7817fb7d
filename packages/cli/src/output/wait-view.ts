import { formatDuration } from "./format.js";
import type { Output } from "./output.js";

const SPINNER = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"];

/**
 * What the wait view shows after each check of a job.
 *
 * @example
 * ```ts
 * const progress: WaitProgress = { jobId: "abc", state: "IN_PROGRESS", checks: 2, nextCheckAt: Date.now() + 5000 };
 * ```
 */
export interface WaitProgress {
  jobId: string;
  state: string;
  checks: number;
  /** When the next check happens (epoch ms), if another one is planned. */
  nextCheckAt?: number | undefined;
}

/**
 * The live status line while a job runs: on a terminal a spinner with the state, elapsed time
 * and next check, redrawn in place; elsewhere one plain line per change of state.
 *
 * @example
 * ```ts
 * const view = new WaitView(out, jobId);
 * poller.onProgress((p) => view.update({ jobId, state: p.state, checks: p.checks }));
 * await poller;
 * view.stop();
 * ```
 */
export class WaitView {
  readonly #startedAt = Date.now();
  #last: WaitProgress;
  #frame = 0;
  #timer: ReturnType<typeof setInterval> | undefined;
  #lastPrinted: string | undefined;

  constructor(
    private readonly out: Output,
    jobId: string,
  ) {
    this.#last = { jobId, state: "IN_PROGRESS", checks: 0 };
    if (out.live) {
      this.#timer = setInterval(() => this.#draw(), 120);
      this.#timer.unref?.();
      this.#draw();
    }
  }

  /** Shows the result of a check. */
  update(progress: WaitProgress): void {
    this.#last = progress;
    if (this.out.live) this.#draw();
    else if (progress.state !== this.#lastPrinted) {
      this.#lastPrinted = progress.state;
      this.out.note(`Job ${progress.jobId}: ${progress.state}`);
    }
  }

  /** Removes the status line. */
  stop(): void {
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = undefined;
    this.out.clearLive();
  }

  #draw(): void {
    const { ce } = this.out;
    const p = this.#last;
    const now = Date.now();
    const parts = [
      `${ce.cyan(SPINNER[this.#frame++ % SPINNER.length]!)} Waiting for job ${ce.bold(p.jobId)}: ${ce.yellow(p.state)}`,
      `${p.checks} check${p.checks === 1 ? "" : "s"}`,
      formatDuration(now - this.#startedAt),
    ];
    if (p.nextCheckAt !== undefined && p.nextCheckAt > now) {
      parts.push(`next check in ${formatDuration(p.nextCheckAt - now)}`);
    }
    this.out.setLive([
      `${parts.join(ce.dim(" · "))} ${ce.dim("(Ctrl-C stops; --resume carries on)")}`,
    ]);
  }
}
