/**
 * When a V4 signed Cloud Storage URL stops working, from its `X-Goog-Date` and
 * `X-Goog-Expires` query parameters; `undefined` if the URL does not say.
 *
 * @example
 * ```ts
 * signedUrlExpiry(
 *   "https://storage.googleapis.com/b/a.zip?X-Goog-Date=20260101T000000Z&X-Goog-Expires=21600",
 * ); // 2026-01-01T06:00:00.000Z
 * ```
 */
export function signedUrlExpiry(url: string): Date | undefined {
  const date = /[?&]x-goog-date=(\d{4})(\d\d)(\d\d)T(\d\d)(\d\d)(\d\d)Z(&|$)/i.exec(url);
  const expires = /[?&]x-goog-expires=(\d+)(&|$)/i.exec(url);
  if (!date || !expires) return undefined;
  const [y, mo, d, h, mi, s] = date.slice(1, 7).map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d, h, mi, s) + Number(expires[1]) * 1000);
}
