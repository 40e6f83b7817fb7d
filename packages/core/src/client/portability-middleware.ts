import type { Middleware } from "openapi-fetch";

/**
 * An openapi-fetch middleware (`onRequest`, `onResponse`, `onError`), as
 * `PortabilityClient.use` takes it. It runs for every try of the six methods and of `raw`, above
 * the transport: it never sees the `Authorization` header, `User-Agent` or `prettyPrint=false`.
 *
 * @example
 * ```ts
 * const timing: PortabilityMiddleware = {
 *   onRequest({ id }) {
 *     started.set(id, performance.now());
 *   },
 *   onResponse({ id, schemaPath, response }) {
 *     console.log(schemaPath, response.status, performance.now() - started.get(id)!, "ms");
 *   },
 * };
 * client.use(timing);
 * ```
 */
export type PortabilityMiddleware = Middleware;
