import { redactSecrets } from "@dataportability/core";

/** Where the server's log lines go: one line per event, never a token or signed URL query. */
export type Log = (line: string) => void;

/** Writes to stderr with a timestamp. */
export const stderrLog: Log = (line) => {
  process.stderr.write(`${new Date().toISOString()} ${line}\n`);
};

/** An error in one short line, with anything that looks like a token or signed URL redacted. */
export function describeError(error: unknown): string {
  const text =
    error instanceof Error ? `${error.name}: ${error.message}${causeCode(error)}` : String(error);
  const withoutQueries = text.replace(
    /(https?:\/\/[^\s?"'<>]+)\?[^\s"'<>]*/g,
    "$1?[query removed]",
  );
  return redactSecrets(withoutQueries.replace(/\s+/g, " ")).slice(0, 500);
}

function causeCode(error: Error): string {
  const code = (error.cause as { code?: unknown } | undefined)?.code;
  return typeof code === "string" ? ` (${code})` : "";
}
