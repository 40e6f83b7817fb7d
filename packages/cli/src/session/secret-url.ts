import { isLoopbackHost, isSafeUrl } from "@dataportability/core/internal";
import { CliError } from "../errors/cli-error.js";
import { EXIT_CODES } from "../errors/exit-codes.js";

/**
 * Whether a URL names this machine (127.x.x.x, `[::1]` or `localhost`).
 *
 * @example
 * ```ts
 * isLoopbackUrl("http://127.0.0.1:8080"); // true
 * isLoopbackUrl("http://proxy.lan:8080"); // false
 * ```
 */
export function isLoopbackUrl(url: string): boolean {
  return URL.canParse(url) && isLoopbackHost(new URL(url).hostname);
}

/**
 * The one rule for every URL that receives a secret (token, refresh token, client secret),
 * checked before any request: `https:`, or `http:` only on a loopback address. Returns the
 * URL; throws a usage error (exit 2) that names the setting otherwise.
 *
 * @example
 * ```ts
 * const tokenUrl = secretUrl("DATAPORTABILITY_TOKEN_URL", ctx.env["DATAPORTABILITY_TOKEN_URL"]!);
 * ```
 */
export function secretUrl(setting: string, url: string): string {
  if (!URL.canParse(url)) {
    throw new CliError(`${setting} "${url}" is not a URL.`, {
      exitCode: EXIT_CODES.usage,
      hint: "Use an https:// URL, or leave it unset for Google's.",
    });
  }
  const { protocol } = new URL(url);
  if (isSafeUrl(url)) return url;
  throw new CliError(
    `${setting} "${url}" would send credentials ${protocol === "http:" ? "over plain http to another machine" : `over ${protocol}`}.`,
    {
      exitCode: EXIT_CODES.usage,
      code: "insecure-url",
      hint: "Use https://; plain http:// is allowed only on this machine (127.0.0.1, [::1] or localhost), as an emulator serves.",
    },
  );
}
