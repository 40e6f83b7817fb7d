/** Doc comments for the top-level declarations openapi-typescript writes. */
const DECLARATION_DOCS: Record<string, { summary: string; example: string }> = {
  paths: {
    summary:
      "Every path of the API, each with its operations (the type openapi-fetch's `createClient<paths>` takes).",
    example: 'type StatePath = paths["/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState"];',
  },
  webhooks: {
    summary: "Webhooks of the API (none).",
    example: "type None = keyof webhooks; // never",
  },
  components: {
    summary:
      "Reusable schemas, parameters and responses, including the `google.rpc.Status` error model.",
    example: 'type State = components["schemas"]["PortabilityArchiveState"];',
  },
  $defs: {
    summary: "JSON Schema definitions (none).",
    example: "type None = keyof $defs; // never",
  },
  operations: {
    summary:
      "Every operation, by discovery method id, with its parameters, request body and responses.",
    example: 'type Initiate = operations["dataportability.portabilityArchive.initiate"];',
  },
};

/**
 * Adds a doc comment with an example to each top-level `export interface` / `export type`
 * that openapi-typescript wrote, so the generated types read well in editors and TypeDoc.
 *
 * @example
 * ```ts
 * const source = annotateSchemaTypes(astToString(await openapiTS(openapi)));
 * ```
 */
export function annotateSchemaTypes(source: string): string {
  return source.replace(
    /^export (?:interface|type) (\w+|\$defs)\b/gm,
    (declaration, name: string) => {
      const doc = DECLARATION_DOCS[name];
      if (!doc) return declaration;
      return `/**\n * ${doc.summary}\n *\n * @example\n * \`\`\`ts\n * ${doc.example}\n * \`\`\`\n */\n${declaration}`;
    },
  );
}
