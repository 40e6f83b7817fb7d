import { createHash } from "node:crypto";
import {
  InvalidArgumentError,
  type Resource,
  validateResources,
  validateTimeRange,
} from "@dataportability/core";

/**
 * The default export ID: a hash of the user, the sorted resources and the time range, so the
 * same request always maps to the same BullMQ job (adding it twice is a no-op).
 *
 * @throws {InvalidArgumentError} for a missing user ID, unknown resources or a bad time range.
 * @example
 * ```ts
 * exportIdFor({ userId: "user-42", resources: ["myactivity.youtube"] }); // "exp_5d1f…"
 * ```
 */
export function exportIdFor(request: {
  userId: string;
  resources: readonly Resource[];
  startTime?: Date | string | number;
  endTime?: Date | string | number;
}): string {
  const userId = validateUserId(request?.userId);
  const resources = [...validateResources(request.resources)].sort();
  const { startTime, endTime } = validateTimeRange(request.startTime, request.endTime);
  const key = JSON.stringify([
    userId,
    resources,
    startTime?.toISOString() ?? null,
    endTime?.toISOString() ?? null,
  ]);
  return `exp_${createHash("sha256").update(key).digest("hex").slice(0, 40)}`;
}

/**
 * Checks a user ID: a non-empty string of at most 256 characters.
 *
 * @internal
 * @example
 * ```ts
 * validateUserId("user-42"); // "user-42"
 * ```
 */
export function validateUserId(userId: unknown): string {
  if (typeof userId !== "string" || userId.trim() === "" || userId.length > 256) {
    throw new InvalidArgumentError(
      "userId",
      userId === undefined ? "missing" : `${JSON.stringify(userId)} is not usable`,
      "a non-empty string of at most 256 characters identifying the user in your app",
    );
  }
  return userId;
}

/**
 * Checks an export ID given by the app: BullMQ job IDs cannot be integers or contain `:`.
 *
 * @internal
 * @example
 * ```ts
 * validateExportId("daily-user-42-2026-01-01");
 * ```
 */
export function validateExportId(exportId: unknown): string {
  if (
    typeof exportId !== "string" ||
    !/^[A-Za-z0-9_-][A-Za-z0-9_.-]{0,199}$/.test(exportId) ||
    /^\d+$/.test(exportId)
  ) {
    throw new InvalidArgumentError(
      "exportId",
      `${JSON.stringify(exportId)} cannot be a BullMQ job ID`,
      "1 to 200 letters, digits, '_', '.' or '-', not starting with '.', not only digits",
    );
  }
  return exportId;
}

/**
 * A path segment for a user ID: every character outside `[A-Za-z0-9_-]` is percent-encoded, so
 * it can never be `..` or hold a separator; long IDs are hashed.
 *
 * @internal
 * @example
 * ```ts
 * userPathSegment("a.b/c"); // "a%2Eb%2Fc"
 * ```
 */
export function userPathSegment(userId: string): string {
  const encoded = Array.from(new TextEncoder().encode(userId), (byte) => {
    const char = String.fromCharCode(byte);
    return /[A-Za-z0-9_-]/.test(char)
      ? char
      : `%${byte.toString(16).toUpperCase().padStart(2, "0")}`;
  }).join("");
  if (encoded.length <= 120) return encoded;
  return `u_${createHash("sha256").update(userId).digest("hex").slice(0, 40)}`;
}
