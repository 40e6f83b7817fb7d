import type { Command } from "commander";
import type { CliContext } from "../program/cli-context.js";
import { examples } from "../program/help-text.js";
import { forgetLogin, openSession } from "../session/session.js";

/**
 * Adds `reset`: `authorization.reset`, which revokes the login's tokens and resets exhausted
 * scopes, then forgets the stored login.
 *
 * @example
 * ```ts
 * registerReset(program, ctx); // dataportability reset
 * ```
 */
export function registerReset(program: Command, ctx: CliContext): void {
  program
    .command("reset")
    .summary("revoke the login and reset used-up access (after downloading)")
    .description(
      "Revoke the login and reset used-up access, once every archive is downloaded; then `login` again",
    )
    .option("--json", "print { ok } as JSON")
    .addHelpText(
      "after",
      `${examples([
        ["dataportability download 0123456789abcdef", "first fetch every archive"],
        ["dataportability reset", "then revoke the consent"],
        ["dataportability login --resource myactivity.youtube", "and consent again"],
      ])}\n\nUse it after a one-time export (429 "one-time consent used"), not merely to start a new job:\nthe tokens stop working, so fetch fresh download links before you reset.`,
    )
    .action(async () => {
      const session = await openSession(ctx);
      await session.client.resetAuthorization({ signal: ctx.signal });
      const forgotten = await forgetLogin(ctx, session);
      const { out } = ctx;
      out.data({ ok: true, server: session.label, storedLoginRemoved: forgotten });
      out.result(
        `Authorization reset on ${session.label}: the login's tokens are revoked and its used-up access is reset.`,
      );
      if (forgotten) out.result(`Removed the stored login of profile "${ctx.globals.profile}".`);
      out.result(
        out.c.dim("Consent to a new export with: dataportability login --resource <name>..."),
      );
    });
}
