/** A Cloud Storage XML API error: HTTP status, `<Code>`, `<Message>` and optional `<Details>`. */
export interface StorageError {
  readonly status: number;
  readonly code: string;
  readonly message: string;
  readonly details?: string;
  /** Extra elements such as `StringToSign`. */
  readonly extra?: Readonly<Record<string, string>>;
}

function escapeXml(text: string): string {
  return text.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);
}

/**
 * A `Response` shaped as Cloud Storage refuses a request: `application/xml` with an `<Error>`.
 *
 * @example
 * ```ts
 * storageErrorResponse({ status: 400, code: "ExpiredToken", message: "Invalid argument.", details: "Request has expired: 1767225600" });
 * ```
 */
export function storageErrorResponse(
  error: StorageError,
  headers: Readonly<Record<string, string>> = {},
): Response {
  const extra = Object.entries(error.extra ?? {})
    .map(([name, value]) => `<${name}>${escapeXml(value)}</${name}>`)
    .join("");
  const details =
    error.details === undefined ? "" : `<Details>${escapeXml(error.details)}</Details>`;
  const body = `<?xml version='1.0' encoding='UTF-8'?><Error><Code>${error.code}</Code><Message>${escapeXml(error.message)}</Message>${extra}${details}</Error>`;
  return new Response(body, {
    status: error.status,
    headers: { "content-type": "application/xml; charset=UTF-8", ...headers },
  });
}
