export type { OperationId, OperationInfo, Resource } from "./generated/metadata.gen.js";
export {
  OPERATIONS,
  RESOURCE_DESCRIPTIONS,
  RESOURCES,
  REVISION,
  SCOPE_PREFIX,
} from "./generated/metadata.gen.js";
export type { components, operations, paths } from "./generated/schema.gen.js";
export { TIME_FILTER_RESOURCES } from "./time-filter-resources.js";
