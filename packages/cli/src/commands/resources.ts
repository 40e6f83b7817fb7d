import { RESOURCE_DESCRIPTIONS, RESOURCES, type Resource } from "@dataportability/spec";
import type { Command } from "commander";
import { formatTable } from "../output/format.js";
import type { CliContext } from "../program/cli-context.js";
import { examples } from "../program/help-text.js";

/**
 * What a resource group holds, without the "Move a copy of" that every description starts with.
 *
 * @example
 * ```ts
 * shortDescription("myactivity.youtube"); // "your YouTube activity"
 * ```
 */
export function shortDescription(resource: Resource): string {
  return (RESOURCE_DESCRIPTIONS[resource] ?? "").replace(/^(Move a copy of|Copy) /, "");
}

/**
 * Adds `resources [filter]`: the resource groups with what each holds, optionally filtered by a
 * substring of the name or description.
 *
 * @example
 * ```ts
 * registerResources(program, ctx); // dataportability resources youtube
 * ```
 */
export function registerResources(program: Command, ctx: CliContext): void {
  program
    .command("resources")
    .summary("list the resource groups you can export")
    .description("List the resource groups you can export, with what each one holds")
    .argument("[filter]", "only groups whose name or description contains this text")
    .option("--json", "print a JSON array of { resource, scope, description }")
    .addHelpText(
      "after",
      examples([
        ["dataportability resources", "every resource group"],
        ["dataportability resources youtube", "the YouTube ones"],
        ["dataportability resources --json | jq -r '.[].resource'", "names only"],
      ]),
    )
    .action((filter: string | undefined) => {
      const out = ctx.out;
      const needle = filter?.toLowerCase();
      const rows = RESOURCES.filter(
        (resource) =>
          !needle ||
          resource.includes(needle) ||
          RESOURCE_DESCRIPTIONS[resource].toLowerCase().includes(needle),
      );
      out.data(
        rows.map((resource) => ({
          resource,
          scope: `https://www.googleapis.com/auth/dataportability.${resource}`,
          description: RESOURCE_DESCRIPTIONS[resource],
        })),
      );
      if (rows.length === 0) {
        out.result(`No resource group matches "${filter}".`);
        return;
      }
      out.result(
        formatTable(rows.map((resource) => [out.c.bold(resource), shortDescription(resource)])),
      );
      out.result();
      out.result(
        out.c.dim(
          `${rows.length} of ${RESOURCES.length} groups. Export some with: dataportability export --resource ${rows[0]}`,
        ),
      );
    });
}
