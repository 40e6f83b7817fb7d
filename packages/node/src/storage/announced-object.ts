import type { IncomingMessage } from "node:http";
import { type ObjectHashes, parseGoogHash } from "./goog-hash.js";
import { parseContentRange } from "./storage-request.js";
import { numberHeader } from "./storage-requester.js";

/** What the storage server says about the object behind a URL: size, ETag and checksums. */
export interface AnnouncedObject extends ObjectHashes {
  size?: number;
  etag?: string;
}

/** What a 200 or 206 answer announces about the whole object (only the fields it carries). */
export function announcedBy(response: IncomingMessage): AnnouncedObject {
  const { headers } = response;
  const size =
    response.statusCode === 206
      ? parseContentRange(headers["content-range"])?.total
      : numberHeader(headers["content-length"]);
  const etag = Array.isArray(headers.etag) ? headers.etag[0] : headers.etag;
  const announced: AnnouncedObject = { ...parseGoogHash(headers["x-goog-hash"]) };
  if (size !== undefined) announced.size = size;
  if (etag !== undefined) announced.etag = etag;
  return announced;
}

/** Whether two descriptions of an object disagree on a field both know: it was replaced. */
export function objectChanged(before: AnnouncedObject, now: AnnouncedObject): boolean {
  const differs = (a: unknown, b: unknown) => a !== undefined && b !== undefined && a !== b;
  return (
    differs(before.size, now.size) ||
    differs(before.etag, now.etag) ||
    differs(before.crc32c, now.crc32c) ||
    differs(before.md5, now.md5)
  );
}
