/**
 * The spec package's `generate` step: pinned discovery document -> OpenAPI 3.1
 * (src/generated/openapi.gen.json) -> openapi-typescript types (schema.gen.ts) and runtime
 * metadata (metadata.gen.ts). Everything is computed before anything is written, so a bad
 * source leaves the previous output intact.
 *
 * Set DATAPORTABILITY_SPEC_LIVE=1 to download the live document instead of reading ../shared.
 */
import { mkdir, readFile, rename, writeFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadPinnedDocument, OVERLAY_PATH, runScript } from "../../../scripts/spec-source.js";
import { apiMetadata } from "../src/converter/api-metadata.js";
import { parseDiscoveryDocument } from "../src/converter/discovery-document.js";
import { discoveryToOpenApi } from "../src/converter/discovery-to-openapi.js";
import type { OpenApiOverlay } from "../src/converter/openapi-document.js";
import { renderMetadata } from "../src/converter/render-metadata.js";
import { renderSchemaTypes } from "./render-schema-types.js";

const OUT_DIR =
  process.env.DATAPORTABILITY_SPEC_OUT ??
  join(dirname(fileURLToPath(import.meta.url)), "..", "src", "generated");

runScript(async () => {
  const { pin, bytes } = await loadPinnedDocument({
    live: process.env.DATAPORTABILITY_SPEC_LIVE === "1",
  });
  const discovery = parseDiscoveryDocument(JSON.parse(new TextDecoder().decode(bytes)));
  const overlay = JSON.parse(await readFile(OVERLAY_PATH, "utf8")) as OpenApiOverlay;
  const openapi = discoveryToOpenApi(discovery, { overlay });
  const files: Record<string, string> = {
    "openapi.gen.json": `${JSON.stringify(openapi, null, 2)}\n`,
    "schema.gen.ts": await renderSchemaTypes(openapi),
    "metadata.gen.ts": renderMetadata(apiMetadata(discovery)),
  };
  await mkdir(OUT_DIR, { recursive: true });
  for (const [name, text] of Object.entries(files)) {
    await writeFile(join(OUT_DIR, `${name}.tmp`), text);
  }
  for (const name of Object.keys(files)) {
    await rename(join(OUT_DIR, `${name}.tmp`), join(OUT_DIR, name));
  }
  console.log(
    `generated revision ${pin.revision}: ${Object.keys(openapi.paths).length} paths, ${apiMetadata(discovery).resources.length} resources`,
  );
});
