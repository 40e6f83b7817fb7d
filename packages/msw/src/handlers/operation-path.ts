import { OPERATIONS, type OperationId } from "@dataportability/spec";

/** The default base URL of the Data Portability API. */
export const DEFAULT_API_URL = "https://dataportability.googleapis.com";

/** Path parameters captured from a request URL, by name. */
export type OperationPathParams = Record<string, string>;

/**
 * Matches request URLs against one operation's path template, treating the literal colons of
 * custom methods (`:retry`, `:initiate`) as text rather than parameters, and accepting the colon
 * percent-encoded as clients sometimes send it.
 *
 * @example
 * ```ts
 * const retry = new OperationPath("dataportability.archiveJobs.retry", "https://dataportability.googleapis.com");
 * retry.match(new URL("https://dataportability.googleapis.com/v1/archiveJobs/42:retry")); // { archiveJobsId: "42" }
 * ```
 */
export class OperationPath {
  readonly operationId: OperationId;
  readonly method: string;
  readonly #origin: string;
  readonly #basePath: string;
  readonly #pattern: RegExp;
  readonly #names: readonly string[];

  constructor(operationId: OperationId, baseUrl: string = DEFAULT_API_URL) {
    const info = OPERATIONS[operationId];
    if (info === undefined) {
      throw new TypeError(`Unknown operation "${String(operationId)}"`);
    }
    const base = new URL(baseUrl);
    this.operationId = operationId;
    this.method = info.httpMethod;
    this.#origin = base.origin;
    this.#basePath = base.pathname.replace(/\/+$/, "");
    const names: string[] = [];
    const source = info.path
      .split(/(\{[^}]+\})/)
      .map((part) => {
        const param = /^\{([^}]+)\}$/.exec(part);
        if (param) {
          names.push(param[1]!);
          return "([^/:]+)";
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("");
    this.#pattern = new RegExp(`^${source}$`);
    this.#names = names;
  }

  /**
   * The path params when `url` addresses this operation (method not checked), else undefined.
   *
   * @example
   * ```ts
   * new OperationPath("dataportability.accessType.check").match(new URL("https://dataportability.googleapis.com/v1/accessType:check")); // {}
   * ```
   */
  match(url: URL): OperationPathParams | undefined {
    if (url.origin !== this.#origin) return undefined;
    let path = url.pathname;
    if (this.#basePath !== "") {
      if (!path.startsWith(`${this.#basePath}/`)) return undefined;
      path = path.slice(this.#basePath.length);
    }
    const found = this.#pattern.exec(path.replace(/%3a/gi, ":"));
    if (!found) return undefined;
    const params: OperationPathParams = {};
    this.#names.forEach((name, i) => {
      params[name] = decodeURIComponent(found[i + 1]!);
    });
    return params;
  }

  /**
   * The absolute URL of this operation for the given path params.
   *
   * @example
   * ```ts
   * new OperationPath("dataportability.archiveJobs.cancel").url({ archiveJobsId: "7" });
   * // "https://dataportability.googleapis.com/v1/archiveJobs/7:cancel"
   * ```
   */
  url(params: OperationPathParams = {}): string {
    const path = OPERATIONS[this.operationId].path.replace(/\{([^}]+)\}/g, (_, name: string) => {
      const value = params[name];
      if (value === undefined) throw new TypeError(`Missing path parameter "${name}"`);
      return encodeURIComponent(value);
    });
    return `${this.#origin}${this.#basePath}${path}`;
  }
}
