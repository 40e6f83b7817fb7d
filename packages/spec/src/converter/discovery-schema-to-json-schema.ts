import type { DiscoverySchema } from "./discovery-document.js";
import type { JsonSchema } from "./openapi-document.js";

/** Where `$ref`s to named discovery schemas point in the OpenAPI document. */
export const SCHEMA_REF_PREFIX = "#/components/schemas/";

/**
 * Converts one discovery schema (a property, a parameter or a named schema) into JSON Schema.
 *
 * Rules: `$ref` to `#/components/schemas/…`; `google-datetime` → `date-time`; 64-bit
 * integers as strings (JSON carries them quoted); `enumDescriptions` → `x-enum-descriptions`;
 * `repeated` parameters become arrays; `any` becomes an unconstrained schema.
 *
 * @example
 * ```ts
 * discoverySchemaToJsonSchema({ type: "string", format: "google-datetime" });
 * // { type: "string", format: "date-time" }
 * ```
 */
export function discoverySchemaToJsonSchema(schema: DiscoverySchema): JsonSchema {
  if (schema.repeated) {
    const { repeated: _, description, ...item } = schema;
    return withCommon({ type: "array", items: discoverySchemaToJsonSchema(item) }, { description });
  }
  if (schema.$ref !== undefined) {
    return withCommon({ $ref: SCHEMA_REF_PREFIX + schema.$ref }, schema);
  }
  const out: JsonSchema = { ...typeAndFormat(schema) };
  if (schema.pattern !== undefined) out.pattern = schema.pattern;
  if (schema.enum !== undefined) out.enum = [...schema.enum];
  if (schema.enumDescriptions !== undefined)
    out["x-enum-descriptions"] = [...schema.enumDescriptions];
  if (schema.enumDeprecated?.some(Boolean)) out["x-enum-deprecated"] = [...schema.enumDeprecated];
  if (schema.default !== undefined) out.default = convertDefault(schema);
  if (schema.minimum !== undefined) out.minimum = Number(schema.minimum);
  if (schema.maximum !== undefined) out.maximum = Number(schema.maximum);
  if (schema.properties !== undefined) {
    out.properties = Object.fromEntries(
      Object.entries(schema.properties).map(([name, prop]) => [
        name,
        discoverySchemaToJsonSchema(prop),
      ]),
    );
    const required = schema.annotations?.required;
    if (required?.length) out.required = [...required];
  }
  if (schema.additionalProperties !== undefined) {
    out.additionalProperties = discoverySchemaToJsonSchema(schema.additionalProperties);
  }
  if (schema.items !== undefined) out.items = discoverySchemaToJsonSchema(schema.items);
  return withCommon(out, schema);
}

function withCommon(
  out: JsonSchema,
  schema: Pick<DiscoverySchema, "description" | "deprecated" | "readOnly">,
): JsonSchema {
  if (schema.description !== undefined) out.description = schema.description;
  if (schema.deprecated) out.deprecated = true;
  if (schema.readOnly) out.readOnly = true;
  return out;
}

function typeAndFormat({ type, format }: DiscoverySchema): JsonSchema {
  if (type === undefined || type === "any") return {};
  if (type === "string") {
    switch (format) {
      case undefined:
        return { type };
      case "google-datetime":
      case "date-time":
        return { type, format: "date-time" };
      case "google-duration":
        return { type, format: "duration" };
      default:
        return { type, format };
    }
  }
  if (type === "integer" && (format === "int64" || format === "uint64")) {
    return { type: "string", format };
  }
  return format === undefined ? { type } : { type, format };
}

function convertDefault(schema: DiscoverySchema): unknown {
  const value = schema.default;
  if (schema.type === "boolean") return value === "true";
  if ((schema.type === "integer" && schema.format !== "int64") || schema.type === "number") {
    return Number(value);
  }
  return value;
}
