const RAMP = [10_000, 30_000, 60_000, 120_000, 300_000];

/**
 * Chooses the wait before the next state check, given how many checks were made and how
 * long ago polling started.
 *
 * @example
 * ```ts
 * const everyMinute: PollSchedule = () => 60_000;
 * ```
 */
export type PollSchedule = (checks: number, elapsedMs: number) => number;

/**
 * The default schedule, after Google's advice to check every 5 to 60 minutes: 10 s, 30 s,
 * 1 min, 2 min and 5 min after the first checks (short jobs finish fast), then a quarter of
 * the time waited so far, kept between 5 and 60 minutes. The poller adds ±25 % jitter.
 *
 * @example
 * ```ts
 * defaultPollSchedule(1, 0);              // 10 000
 * defaultPollSchedule(9, 4 * 3_600_000);  // 3 600 000 (one hour)
 * ```
 */
export const defaultPollSchedule: PollSchedule = (checks, elapsedMs) =>
  // Then a quarter of the job's age, kept between 5 and 60 minutes.
  RAMP[checks - 1] ?? Math.min(3_600_000, Math.max(300_000, elapsedMs / 4));
