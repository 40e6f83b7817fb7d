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
  let params: URLSearchParams;
  try {
    params = new URL(url).searchParams;
  } catch {
    return undefined;
  }
  const get = (name: string) => {
    for (const [key, value] of params) if (key.toLowerCase() === name) return value;
    return undefined;
  };
  const signedAt = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z$/.exec(get("x-goog-date") ?? "");
  const expires = get("x-goog-expires");
  if (!signedAt || !expires || !/^\d+$/.test(expires)) return undefined;
  const [, y, mo, d, h, mi, s] = signedAt.map(Number) as number[];
  return new Date(Date.UTC(y!, mo! - 1, d, h, mi, s) + Number(expires) * 1000);
}
