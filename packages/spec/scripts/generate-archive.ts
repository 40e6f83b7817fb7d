/**
 * The spec package's second codegen input: the archive catalog (`spec/archive-schema/*.json`,
 * written by us from Google's schema reference pages) -> record types, checks and metadata
 * (src/generated/archive-schema.gen.ts). Runs after `generate.ts`, whose resource list the
 * catalog is checked against.
 */
import { readdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { REPO_ROOT, runScript } from "../../../scripts/spec-source.js";
import { parseArchiveService, uncoveredResourceGroups } from "../src/archive-catalog.js";
import { RESOURCES } from "../src/generated/metadata.gen.js";
import { renderArchiveSchema } from "../src/render-archive-schema.js";

const CATALOG_DIR = join(REPO_ROOT, "spec", "archive-schema");
const OUT_FILE = join(
  process.env.DATAPORTABILITY_SPEC_OUT ??
    join(dirname(fileURLToPath(import.meta.url)), "..", "src", "generated"),
  "archive-schema.gen.ts",
);

runScript(async () => {
  const files = (await readdir(CATALOG_DIR)).filter((name) => name.endsWith(".json")).sort();
  const services = await Promise.all(
    files.map(async (file) =>
      parseArchiveService(
        JSON.parse(await readFile(join(CATALOG_DIR, file), "utf8")),
        file,
        RESOURCES,
      ),
    ),
  );
  const uncatalogued = uncoveredResourceGroups(services, RESOURCES);
  await writeFile(`${OUT_FILE}.tmp`, renderArchiveSchema(services, uncatalogued));
  await rename(`${OUT_FILE}.tmp`, OUT_FILE);
  const objects = services.reduce((sum, s) => sum + s.objects.length, 0);
  console.log(
    `generated archive schema: ${services.length} services, ${objects} objects, ${RESOURCES.length - uncatalogued.length} of ${RESOURCES.length} resource groups`,
  );
});
