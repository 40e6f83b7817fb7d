// Typed use of @dataportability/spec (type-checked, not run).
import { type components, type paths, RESOURCES, type Resource } from "@dataportability/spec";

export const first: Resource | undefined = RESOURCES[0];
export type InitiateBody = paths["/v1/portabilityArchive:initiate"]["post"]["requestBody"] extends
  | { content: { "application/json": infer B } }
  | undefined
  ? B
  : never;
export type State = components["schemas"]["PortabilityArchiveState"];
