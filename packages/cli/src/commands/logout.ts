import type { Command } from "commander";
import type { CliContext } from "../program/cli-context.js";
import { examples } from "../program/help-text.js";
import { deleteStoredLogin } from "../session/session.js";

/**
 * Adds `logout`: forgets the stored login of the profile (without revoking it; see `reset`).
 *
 * @example
 * ```ts
 * registerLogout(program, ctx); // dataportability logout --profile work
 * ```
 */
export function registerLogout(program: Command, ctx: CliContext): void {
  program
    .command("logout")
    .summary("forget the stored login of a profile")
    .description(
      "Forget the stored login of the profile (it stays valid at Google; `reset` revokes it)",
    )
    .option("--json", "print { ok, removed } as JSON")
    .addHelpText(
      "after",
      examples([["dataportability logout --profile work", "forget profile work"]]),
    )
    .action(async () => {
      const removed = await deleteStoredLogin(ctx);
      const { out } = ctx;
      out.data({ ok: true, profile: ctx.globals.profile, removed });
      out.result(
        removed
          ? `Removed the stored login of profile "${ctx.globals.profile}".`
          : `No login is stored for profile "${ctx.globals.profile}".`,
      );
    });
}
