import openapiTS, { astToString } from "openapi-typescript";
import type { OpenApiDocument } from "../src/converter/openapi-document.js";
import { GENERATED_HEADER } from "../src/converter/render-metadata.js";

/**
 * Renders the OpenAPI document as TypeScript types (`schema.gen.ts`) with openapi-typescript,
 * exactly as openapi-typescript writes them behind the generated-file header: nothing is
 * patched afterwards. Documentation rules exempt generated files instead (typedoc.json).
 */
export async function renderSchemaTypes(openapi: OpenApiDocument): Promise<string> {
  // openapi-typescript's own document type is stricter than ours; the output is validated in tests.
  const ast = await openapiTS(openapi as unknown as Parameters<typeof openapiTS>[0], {
    alphabetize: true,
  });
  return GENERATED_HEADER + astToString(ast);
}
