const WINDOWS_RESERVED = /^(con|prn|aux|nul|com\d|lpt\d)(\..*)?$/i;
const MAX_NAME_LENGTH = 180;

/**
 * Derives a file name that is safe on every platform from a signed archive URL.
 *
 * Only the last path segment of the URL is used (never the query, which holds the signature).
 * Percent-escapes are decoded, then anything outside `[A-Za-z0-9._-]` becomes `_`, leading dots
 * are dropped, Windows device names are prefixed, and the result is capped at 180 characters
 * (keeping the extension). A URL whose path yields nothing usable gets `fallback`.
 *
 * @param url - The signed URL of one archive.
 * @param fallback - Name used when the URL has no usable path segment.
 * @returns A plain file name with no directory separators.
 * @example
 * ```ts
 * safeFileName("https://storage.googleapis.com/b/job/archive%20001.zip?X-Goog-Signature=...");
 * // "archive_001.zip"
 * ```
 */
export function safeFileName(url: string | URL, fallback = "archive.zip"): string {
  const parsed = typeof url === "string" ? new URL(url) : url;
  const segments = parsed.pathname.split("/").filter((segment) => segment.length > 0);
  const last = segments.at(-1) ?? "";
  let decoded: string;
  try {
    decoded = decodeURIComponent(last);
  } catch {
    decoded = last;
  }
  // A decoded segment may itself contain separators ("a%2F..%2Fb"); keep only its last part.
  const base = decoded.split(/[/\\]/).at(-1) ?? "";
  let name = base
    .normalize("NFKC")
    .replace(/[^A-Za-z0-9._-]/g, "_")
    .replace(/^[.\s_]+/, "")
    .replace(/[.\s]+$/, "");
  if (name.length === 0 || name === "." || name === "..") name = fallback;
  if (WINDOWS_RESERVED.test(name)) name = `_${name}`;
  // Never collide with the downloader's own working files.
  if (/\.part(\.json)?$/i.test(name)) name = `${name}_`;
  if (name.length > MAX_NAME_LENGTH) {
    const dot = name.lastIndexOf(".");
    const ext = dot > 0 && name.length - dot <= 10 ? name.slice(dot) : "";
    name = name.slice(0, MAX_NAME_LENGTH - ext.length) + ext;
  }
  return name;
}

/**
 * Derives one distinct, safe file name per URL, in order.
 *
 * Names come from {@link safeFileName}; a name already taken (compared case-insensitively, as
 * on macOS and Windows) gets `-2`, `-3`, ... before its extension.
 *
 * @param urls - Signed archive URLs, in the order the API returned them.
 * @returns File names, one per URL, all distinct.
 * @example
 * ```ts
 * archiveFileNames([
 *   "https://storage.googleapis.com/b/1/archive.zip?sig=a",
 *   "https://storage.googleapis.com/b/2/archive.zip?sig=b",
 * ]);
 * // ["archive.zip", "archive-2.zip"]
 * ```
 */
export function archiveFileNames(urls: readonly (string | URL)[]): string[] {
  const taken = new Set<string>();
  return urls.map((url, index) => {
    const name = safeFileName(url, `archive-${index + 1}.zip`);
    const dot = name.lastIndexOf(".");
    const stem = dot > 0 ? name.slice(0, dot) : name;
    const ext = dot > 0 ? name.slice(dot) : "";
    let candidate = name;
    for (let n = 2; taken.has(candidate.toLowerCase()); n++) candidate = `${stem}-${n}${ext}`;
    taken.add(candidate.toLowerCase());
    return candidate;
  });
}
