import { type HttpHandler, http } from "msw";
import type { ArchiveDigest } from "../archive/archive-digest.js";
import type { ArchiveRef } from "../archive/archive-store.js";
import { realTime, zipStream } from "../archive/zip-stream.js";
import { type EmulatorContext, guard, type LogNote } from "../emulator/emulator-context.js";
import { parseByteRange } from "./byte-range.js";
import { expired } from "./signed-url.js";
import { storageErrorResponse } from "./storage-error.js";

/**
 * The error a download stream fails with when a `reset-mid-download` fault breaks it.
 *
 * @example
 * ```ts
 * try {
 *   await response.arrayBuffer();
 * } catch (error) {
 *   // in-process: a ConnectionResetError (or a fetch error wrapping it); over HTTP: a socket error
 * }
 * ```
 */
export class ConnectionResetError extends Error {
  /** Always `"ConnectionResetError"`, a literal that survives minifiers. */
  override readonly name = "ConnectionResetError";
  /** Like Node's socket errors. */
  readonly code = "ECONNRESET";

  constructor(afterBytes: number) {
    super(`Connection reset by the emulator after ${afterBytes} bytes (reset-mid-download fault)`);
  }
}

function base64ToHex(text: string): string {
  return Array.from(atob(text), (c) => c.charCodeAt(0).toString(16).padStart(2, "0")).join("");
}

function objectHeaders(ref: ArchiveRef, digest: ArchiveDigest): Headers {
  const headers = new Headers({
    "content-type": "application/zip",
    "accept-ranges": "bytes",
    "cache-control": "private, max-age=0",
    "content-disposition": `attachment; filename="${ref.objectPath.split("/").pop()}"`,
    "last-modified": new Date(ref.job.settledAtMs ?? ref.job.createdAtMs).toUTCString(),
    "x-goog-generation": String((ref.job.settledAtMs ?? ref.job.createdAtMs) * 1000),
    "x-goog-metageneration": "1",
    "x-goog-storage-class": "STANDARD",
    "x-goog-stored-content-encoding": "identity",
    "x-goog-stored-content-length": String(digest.size),
  });
  headers.append("x-goog-hash", `crc32c=${digest.crc32c}`);
  if (digest.md5) {
    headers.append("x-goog-hash", `md5=${digest.md5}`);
    headers.set("etag", `"${base64ToHex(digest.md5)}"`);
  } else {
    const components = Math.max(2, Math.ceil(digest.size / (32 * 1024 * 1024)));
    headers.set("x-goog-component-count", String(components));
    headers.set("etag", `"${base64ToHex(digest.crc32c)}-${components}"`);
  }
  return headers;
}

/** Whether an `If-Range` validator (an entity tag or an HTTP date) matches the object. */
function ifRangeHolds(validator: string | null, headers: Headers): boolean {
  if (validator === null) return true;
  const value = validator.trim();
  // Only a strong entity tag can match; a date must equal Last-Modified exactly.
  if (value.startsWith("W/")) return false;
  if (value.startsWith('"')) return value === headers.get("etag");
  return value === headers.get("last-modified");
}

async function serve(ctx: EmulatorContext, request: Request, note: LogNote): Promise<Response> {
  const url = new URL(request.url);
  const method = request.method.toUpperCase();
  if (method !== "GET" && method !== "HEAD") {
    return storageErrorResponse({
      status: 405,
      code: "MethodNotAllowed",
      message: "The specified method is not allowed against this resource.",
    });
  }
  if (!url.searchParams.has("X-Goog-Signature")) {
    return storageErrorResponse({
      status: 403,
      code: "AccessDenied",
      message: "Access denied.",
      details: request.headers.has("authorization")
        ? "The caller does not have storage.objects.get access to the Google Cloud Storage object."
        : "Anonymous caller does not have storage.objects.get access to the Google Cloud Storage object. Permission 'storage.objects.get' denied on resource (or it may not exist).",
    });
  }
  if (request.headers.has("authorization")) {
    return storageErrorResponse({
      status: 400,
      code: "InvalidArgument",
      message: "Invalid argument.",
      details:
        "The request carries both an Authorization header and a signed URL (X-Goog-Signature); a signed URL must be requested without credentials.",
    });
  }
  const now = ctx.clock.nowMs();
  // A URL signed for GET serves HEAD too, as Cloud Storage does (its UrlSigner reference:
  // https://cloud.google.com/dotnet/docs/reference/Google.Cloud.Storage.V1/latest/Google.Cloud.Storage.V1.UrlSigner.RequestTemplate).
  const check = ctx.signer.verify(url, "GET", now);
  if (!check.ok) return storageErrorResponse(check.error);
  const early = ctx.faults.earlyExpiryMs();
  if (early !== undefined && now > check.signedAtMs + early) {
    const refusal = expired(check.signedAtMs + early);
    if (!refusal.ok) return storageErrorResponse(refusal.error);
  }
  const ref = ctx.archives.refOfUrl(url);
  if (!ref || now > (ref.job.settledAtMs ?? 0) + ctx.options.retentionMs) {
    return storageErrorResponse({
      status: 404,
      code: "NoSuchKey",
      message: "The specified key does not exist.",
      details: `No such object: ${url.pathname.slice(1)}`,
    });
  }
  if (ref.job.revokedAtMs !== undefined) {
    // authorization.reset removes access to earlier archives (Google's methods guide); the
    // exact refusal is the emulator's choice: Cloud Storage's answer to a caller without access.
    return storageErrorResponse({
      status: 403,
      code: "AccessDenied",
      message: "Access denied.",
      details:
        "Anonymous caller does not have storage.objects.get access to the Google Cloud Storage object. Permission 'storage.objects.get' denied on resource (or it may not exist).",
    });
  }
  const plan = ctx.archives.plan(ref);
  const digest = await ctx.archives.digest(ref);
  const headers = objectHeaders(ref, digest);
  // RFC 9110 §13.1.5: a Range whose If-Range validator no longer matches is ignored, and the
  // whole object is sent (200), as Cloud Storage does.
  const range = parseByteRange(
    ifRangeHolds(request.headers.get("if-range"), headers) ? request.headers.get("range") : null,
    plan.size,
  );
  if (range.kind === "unsatisfiable") {
    return storageErrorResponse(
      {
        status: 416,
        code: "InvalidRange",
        message: "The requested range cannot be satisfied.",
        details: request.headers.get("range") ?? "",
      },
      { "content-range": `bytes */${plan.size}` },
    );
  }
  const start = range.kind === "partial" ? range.start : 0;
  const end = range.kind === "partial" ? range.end + 1 : plan.size;
  headers.set("content-length", String(end - start));
  if (range.kind === "partial")
    headers.set("content-range", `bytes ${start}-${end - 1}/${plan.size}`);
  const status = range.kind === "partial" ? 206 : 200;
  if (method === "HEAD") return new Response(null, { status, headers });
  const resetAfter = ctx.faults.resetAfter({ area: "storage" }, end - start);
  const reset =
    resetAfter === undefined
      ? undefined
      : { afterBytes: resetAfter, error: (sent: number) => new ConnectionResetError(sent) };
  // Only a byte that will be sent before any reset can be flipped.
  const sentEnd = resetAfter === undefined ? end : start + resetAfter;
  const flipAt = ctx.faults.corruptAt({ area: "storage" }, plan.size, start, sentEnd);
  if (flipAt !== undefined) note.corruptedByte = flipAt;
  const bytesPerSecond = ctx.faults.bandwidth({ area: "storage" });
  const pace = bytesPerSecond === undefined ? undefined : { bytesPerSecond, ...realTime };
  return new Response(zipStream(plan, digest.crc32s, start, end, { reset, flipAt, pace }), {
    status,
    headers,
  });
}

/**
 * The storage origin's handler: serves archives at their signed URLs like Cloud Storage (XML
 * refusals, `x-goog-hash`, `Range` → 206), refuses requests that carry `Authorization`, and
 * plays out the download faults (`reset-mid-download`, `corrupt-bytes`, `bandwidth`).
 *
 * @example
 * ```ts
 * const [download] = storageHandlers(ctx);
 * ```
 */
export function storageHandlers(ctx: EmulatorContext): HttpHandler[] {
  const base = new URL(ctx.options.storageUrl);
  const prefix = base.pathname.replace(/\/+$/, "");
  return [
    http.all(
      ({ request }) => {
        const url = new URL(request.url);
        return url.origin === base.origin && url.pathname.startsWith(`${prefix}/`);
      },
      ({ request }) =>
        guard(ctx, request, "storage", "download", undefined, (note) => serve(ctx, request, note)),
    ),
  ];
}
