/**
 * The spec package's second codegen input: the archive catalog (`spec/archive-schema/*.json`,
 * written by us from Google's schema reference pages) -> record types, checks and metadata
 * (src/generated/archive-schema.gen.ts). Runs after `generate.ts`, whose resource list the
 * catalog is checked against.
 */
import { rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadArchiveCatalog } from "../../../scripts/archive-catalog-source.js";
import { runScript } from "../../../scripts/spec-source.js";
import { uncoveredResourceGroups } from "../src/archive/archive-catalog.js";
import { renderArchiveSchema } from "../src/archive/render-archive-schema.js";
import { RESOURCES } from "../src/generated/metadata.gen.js";

const OUT_FILE = join(
  process.env.DATAPORTABILITY_SPEC_OUT ??
    join(dirname(fileURLToPath(import.meta.url)), "..", "src", "generated"),
  "archive-schema.gen.ts",
);

runScript(async () => {
  const services = await loadArchiveCatalog(undefined, RESOURCES);
  const uncatalogued = uncoveredResourceGroups(services, RESOURCES);
  await writeFile(`${OUT_FILE}.tmp`, renderArchiveSchema(services, uncatalogued));
  await rename(`${OUT_FILE}.tmp`, OUT_FILE);
  const objects = services.reduce((sum, s) => sum + s.objects.length, 0);
  console.log(
    `generated archive schema: ${services.length} services, ${objects} objects, ${RESOURCES.length - uncatalogued.length} of ${RESOURCES.length} resource groups`,
  );
});
