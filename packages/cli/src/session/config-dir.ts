import path from "node:path";
import type { CliContext } from "../program/cli-context.js";
import { OAuthClientFile } from "./oauth-client-file.js";

/**
 * The folder where logins are kept: `DATAPORTABILITY_CONFIG_DIR`, else
 * `$XDG_CONFIG_HOME/dataportability`, else `~/.config/dataportability`.
 *
 * @example
 * ```ts
 * await configDir(ctx); // "/home/me/.config/dataportability"
 * ```
 */
export async function configDir(ctx: CliContext): Promise<string> {
  const explicit = ctx.env["DATAPORTABILITY_CONFIG_DIR"];
  if (explicit) return ctx.resolvePath(explicit);
  const { defaultConfigDir } = await import("@dataportability/node");
  return defaultConfigDir(ctx.env as NodeJS.ProcessEnv);
}

/**
 * Where a login is stored: Google logins in the config folder itself; logins at a served
 * emulator in `emulators/<host>-<port>/` under it, so they never mix with Google's.
 *
 * @example
 * ```ts
 * const { tokens, clients } = await loginStores(ctx, "http://127.0.0.1:8080");
 * const credentials = await tokens.load(ctx.globals.profile);
 * ```
 */
export async function loginStores(ctx: CliContext, emulatorUrl?: string) {
  // Loaded on demand: `--help` and `resources` start faster without it.
  const { createFileTokenStore } = await import("@dataportability/node");
  const root = await configDir(ctx);
  const dir = emulatorUrl
    ? path.join(root, "emulators", new URL(emulatorUrl).host.replace(/[^A-Za-z0-9.-]/g, "-"))
    : root;
  return { dir, tokens: createFileTokenStore({ dir }), clients: new OAuthClientFile(dir) };
}
