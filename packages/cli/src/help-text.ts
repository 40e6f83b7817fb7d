/**
 * An "Examples:" section for a command's `--help`: each example is a comment line saying what
 * it does, then the command.
 *
 * @example
 * ```ts
 * command.addHelpText("after", examples([["dataportability status JOB", "show a job"]]));
 * ```
 */
export function examples(rows: readonly (readonly [command: string, comment: string])[]): string {
  const lines = rows.map(([command, comment]) => `  # ${comment}\n  $ ${command}`);
  return `\nExamples:\n${lines.join("\n\n")}`;
}
