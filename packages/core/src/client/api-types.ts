import type { paths } from "@dataportability/spec";

/**
 * @internal A path of the API that answers the HTTP method `M`, as the generated `paths` type
 * declares it.
 * @example
 * ```ts
 * const initiate: PathWith<"post"> = "/v1/portabilityArchive:initiate";
 * ```
 */
export type PathWith<M extends "get" | "post"> = {
  [P in keyof paths]: paths[P][M] extends object ? P : never;
}[keyof paths];

/**
 * @internal The JSON body a POST to `P` takes. openapi-fetch infers its `init` argument, so a
 * misspelt optional field in a body literal passes its check; `satisfies RequestBody<P>` does not
 * let it through.
 * @example
 * ```ts
 * const body = { resources } satisfies RequestBody<"/v1/portabilityArchive:initiate">;
 * ```
 */
export type RequestBody<P extends PathWith<"post">> = NonNullable<
  paths[P]["post"]
>["requestBody"] extends {
  content: { "application/json": infer Body };
}
  ? Body
  : never;

/**
 * @internal The JSON body of a successful answer to `M P`.
 * @example
 * ```ts
 * type State = ResponseBody<"get", "/v1/archiveJobs/{archiveJobsId}/portabilityArchiveState">;
 * ```
 */
export type ResponseBody<M extends "get" | "post", P extends PathWith<M>> =
  NonNullable<paths[P][M]> extends {
    responses: { 200: { content: { "application/json": infer Body } } };
  }
    ? Body
    : never;
