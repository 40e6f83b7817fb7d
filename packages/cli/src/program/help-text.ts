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

/**
 * Word-wraps `text` to `width` columns, indenting every line after the first by `indent` spaces.
 *
 * @example
 * ```ts
 * wrap("a long description ...", 60, 19);
 * ```
 */
export function wrap(text: string, width: number, indent: number): string {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/)) {
    if (line && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) lines.push(line);
  return lines.join(`\n${" ".repeat(indent)}`);
}
