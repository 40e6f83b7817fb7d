/**
 * The exit codes of the `dataportability` command, by meaning. Scripts can rely on them.
 *
 * @example
 * ```ts
 * const code = await run(["export", "--resource", "myactivity.youtube"], io);
 * if (code === EXIT_CODES.quota) console.log("try again after the time printed");
 * ```
 */
export const EXIT_CODES = {
  /** Everything worked. */
  ok: 0,
  /** Something unexpected failed (a bug, a network failure, a server error). */
  unexpected: 1,
  /** The command line or its input is invalid (unknown option, resource, date, job). */
  usage: 2,
  /** Authentication is needed or failed (no login, expired/revoked token, missing consent). */
  auth: 3,
  /** The export quota is used up (one-time consent used, or the 24-hour limit of time-based access). */
  quota: 4,
  /** The export job failed or was cancelled. */
  jobFailed: 5,
  /** A downloaded archive did not match its size or checksum. */
  verification: 6,
  /** The output folder cannot be written (missing, read-only, full, permission denied). */
  disk: 7,
  /** Interrupted (Ctrl-C); `export --resume` carries on. */
  interrupted: 130,
} as const;

/**
 * One of the values of {@link EXIT_CODES}.
 *
 * @example
 * ```ts
 * const code: ExitCode = EXIT_CODES.ok;
 * ```
 */
export type ExitCode = (typeof EXIT_CODES)[keyof typeof EXIT_CODES];

/**
 * The exit codes as text for `--help` and the README.
 *
 * @example
 * ```ts
 * console.log(exitCodesHelp());
 * ```
 */
export function exitCodesHelp(): string {
  const rows: [ExitCode, string][] = [
    [EXIT_CODES.ok, "success"],
    [EXIT_CODES.unexpected, "unexpected error (network, server, bug)"],
    [EXIT_CODES.usage, "invalid usage or input (unknown option, resource, date or job)"],
    [EXIT_CODES.auth, "authentication needed or failed (login, expired token, missing consent)"],
    [EXIT_CODES.quota, "export quota used up (one-time consent used, or 24-hour limit)"],
    [EXIT_CODES.jobFailed, "the export job failed or was cancelled"],
    [EXIT_CODES.verification, "a downloaded archive failed size/checksum verification"],
    [EXIT_CODES.disk, "the output folder cannot be written (read-only, full, no permission)"],
    [EXIT_CODES.interrupted, "interrupted (Ctrl-C); state saved for `export --resume`"],
  ];
  return [
    "Exit codes:",
    ...rows.map(([code, text]) => `  ${String(code).padStart(3)}  ${text}`),
  ].join("\n");
}
