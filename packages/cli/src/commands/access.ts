import type { Resource } from "@dataportability/spec";
import type { Command } from "commander";
import { formatTable } from "../output/format.js";
import type { CliContext } from "../program/cli-context.js";
import { examples } from "../program/help-text.js";
import { openSession } from "../session/session.js";
import { shortDescription } from "./resources.js";

/**
 * Adds `access`: which resources the current login may export, one-time or time-based
 * (`accessType.check`).
 *
 * @example
 * ```ts
 * registerAccess(program, ctx); // dataportability access --json
 * ```
 */
export function registerAccess(program: Command, ctx: CliContext): void {
  program
    .command("access")
    .summary("show what the login may export (one-time or time-based)")
    .description("Show which resources the login may export, and whether one-time or time-based")
    .option("--json", "print { oneTimeResources, timeBasedResources } as JSON")
    .addHelpText(
      "after",
      `${examples([
        ["dataportability access", "what the stored login allows"],
        ["dataportability --profile work access --json", "another profile, as JSON"],
      ])}\n\nOne-time access allows one export per consent; time-based access (30 or 180 days)\nallows one export every 24 hours.`,
    )
    .action(async () => {
      const session = await openSession(ctx);
      const access = await session.client.checkAccessType({ signal: ctx.signal });
      const { out } = ctx;
      out.data({ ok: true, server: session.label, ...access });
      const rows = (kind: string, resources: readonly Resource[]) =>
        resources.map((resource) => [out.c.bold(resource), kind, shortDescription(resource)]);
      const all = [
        ...rows("one-time", access.oneTimeResources),
        ...rows("time-based", access.timeBasedResources),
      ];
      if (all.length === 0) {
        out.result("This login holds no Data Portability resource.");
        out.result(out.c.dim("Sign in with: dataportability login --resource <name>..."));
        return;
      }
      out.result(formatTable([["resource", "access", "description"].map(out.c.dim), ...all]));
    });
}
