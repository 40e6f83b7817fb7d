import { readFileSync } from "node:fs";
import { publint } from "publint";
import { formatMessage } from "publint/utils";
import type { PackedPackage } from "./pack.js";

/**
 * `publint --strict` on the packed tarball: warnings count as errors, suggestions are returned
 * apart so they can be printed without failing.
 */
export async function publintProblems(
  packed: PackedPackage,
): Promise<{ problems: string[]; suggestions: string[] }> {
  const data = readFileSync(packed.tarball);
  const tarball = data.buffer.slice(data.byteOffset, data.byteOffset + data.byteLength);
  const { messages, pkg } = await publint({ pack: { tarball }, strict: true });
  const format = (message: (typeof messages)[number]) =>
    `publint ${message.type} ${message.code}: ${formatMessage(message, pkg, { color: false }) ?? ""}`;
  return {
    problems: messages.filter((message) => message.type !== "suggestion").map(format),
    suggestions: messages.filter((message) => message.type === "suggestion").map(format),
  };
}
