import { ArchiveFailedError, PortabilityApiError, WaitTimeoutError } from "@dataportability/core";
import { OAuthError } from "@dataportability/core/oauth";
import type { Emulator, RequestLogEntry } from "@dataportability/msw";
import { ArchiveVerificationError } from "@dataportability/node";
import type { World, WorldOptions } from "./world.js";

/** The flows every fault is crossed with. */
export const FLOWS = ["export", "download", "resume", "react"] as const;
export type FlowName = (typeof FLOWS)[number];

/** An error class and fields the thrown error must have. */
export interface ExpectedError {
  type: abstract new (...args: never[]) => Error;
  fields?: Record<string, unknown>;
  /** The message must match (and never contain a token). */
  message: RegExp;
}

/**
 * What a flow must end with: every archive byte-identical, or a clear typed error (including
 * a FAILED job) with no final file that is not a whole, verified archive.
 */
export type Expected = { outcome: "archives" } | { outcome: "error"; error: ExpectedError };

/** One fault of the emulator (or of the user's tokens) and what each flow must do. */
export interface FaultCase {
  id: string;
  world: WorldOptions;
  /** Retry a FAILED job (pollers' `retryFailed`, `retryArchive`, the hook's `retry()`). */
  retryFailed?: boolean;
  /** Done once the job exists, e.g. the user revokes access. */
  afterStart?: (world: World) => void;
  expect: { default: Expected } & Partial<Record<FlowName, Expected>>;
  /** Evidence in the emulator's request log that the fault really struck. */
  struck: (requests: readonly RequestLogEntry[], emulator: Emulator) => boolean;
}

const answered =
  (status: number, area?: RequestLogEntry["area"]) => (requests: readonly RequestLogEntry[]) =>
    requests.some((r) => r.status === status && (area === undefined || r.area === area));

const archives: Expected = { outcome: "archives" };

const jobFailed: Expected = {
  outcome: "error",
  error: { type: ArchiveFailedError, message: /failed/ },
};

/**
 * Every fault of the emulator: 429 with Retry-After, 5xx bursts, a server that stays down, an
 * HTML proxy page, latency, a connection reset mid-download, corrupted archive bytes, URLs that
 * expire early, a failed job (given up and retried), an expired token and a revoked one.
 *
 * @example
 * for (const fault of FAULT_CASES) console.log(fault.id, fault.expect.default.outcome);
 */
export const FAULT_CASES: FaultCase[] = [
  {
    id: "429 with Retry-After",
    struck: answered(429, "api"),
    world: { faults: [{ name: "rate-limit", retryAfterSeconds: 2, times: 2 }] },
    expect: { default: archives },
  },
  {
    id: "5xx bursts (API and storage)",
    struck: (requests) => answered(503, "api")(requests) && answered(500, "storage")(requests),
    world: {
      faults: [
        { name: "server-error", status: 503, times: 3 },
        { name: "server-error", status: 500, times: 2, match: "storage" },
      ],
    },
    expect: { default: archives },
  },
  {
    id: "API down after the first request",
    struck: answered(500, "api"),
    world: { faults: [{ name: "server-error", status: 500, skip: 1 }] },
    expect: {
      // Pollers take a 500 for a passing fault and keep checking until their deadline.
      default: {
        outcome: "error",
        error: { type: WaitTimeoutError, message: /^Archive job \d+ .*after \d+ ms/ },
      },
      download: {
        outcome: "error",
        error: { type: PortabilityApiError, fields: { httpStatus: 500 }, message: /500/ },
      },
      // The hook keeps polling (a 500 may pass) and shows the last error meanwhile.
      react: {
        outcome: "error",
        error: { type: PortabilityApiError, fields: { httpStatus: 500 }, message: /500/ },
      },
    },
  },
  {
    id: "HTML proxy page (API and storage)",
    struck: (requests) => answered(502, "api")(requests) && answered(502, "storage")(requests),
    world: {
      faults: [
        { name: "html-proxy-page", status: 502, times: 1 },
        { name: "html-proxy-page", status: 502, times: 1, match: "storage" },
      ],
    },
    expect: { default: archives },
  },
  {
    id: "latency",
    struck: (requests) =>
      requests.length > 1 && requests.at(-1)!.at.getTime() - requests[0]!.at.getTime() >= 5_000,
    world: { faults: [{ name: "latency", ms: 5_000, jitterMs: 2_000 }] },
    expect: { default: archives },
  },
  {
    id: "connection reset mid-download",
    // The reset struck when the archive had to be asked for again; whether the next request
    // resumes with Range depends on how many bytes reached the disk before the reset (node's
    // own tests pin the resume itself).
    struck: (requests) =>
      requests.filter((r) => r.area === "storage" && r.method === "GET").length > 1,
    world: { faults: [{ name: "reset-mid-download", afterBytes: 10_000, times: 3 }] },
    expect: { default: archives },
  },
  {
    id: "corrupted archive bytes",
    struck: (requests) => requests.some((r) => r.corruptedByte !== undefined),
    world: { faults: [{ name: "corrupt-bytes", times: 1 }] },
    expect: {
      // downloadArchive does not download a file again after a checksum mismatch: it deletes
      // the .part and throws, so even a single flipped byte ends the flow.
      default: {
        outcome: "error",
        error: {
          type: ArchiveVerificationError,
          fields: { check: "crc32c" },
          message: /crc32c mismatch .*the partial file was deleted/,
        },
      },
    },
  },
  {
    id: "signed URLs expire early",
    struck: (requests) => requests.some((r) => r.area === "storage" && r.status >= 400),
    world: { faults: [{ name: "early-url-expiry", afterMs: 60_000 }] },
    expect: { default: archives },
  },
  {
    id: "job fails",
    struck: (_, emulator) => emulator.jobs().some((job) => job.state === "FAILED"),
    world: { faults: [{ name: "job-fails", times: 1 }] },
    expect: { default: jobFailed },
  },
  {
    id: "job fails, then is retried",
    struck: (_, emulator) => emulator.jobs().some((job) => job.state === "FAILED"),
    world: { faults: [{ name: "job-fails", times: 1 }] },
    retryFailed: true,
    expect: { default: archives },
  },
  {
    id: "access token expires",
    struck: answered(401, "api"),
    world: { accessTokenTtlMs: 10 * 60_000 },
    expect: { default: archives },
  },
  {
    id: "access revoked",
    struck: (requests) => requests.some((r) => r.operation === "token" && r.status >= 400),
    world: {},
    afterStart: (world) => {
      world.server.emulator.revokeToken(world.token.refreshToken);
    },
    expect: {
      default: {
        outcome: "error",
        error: { type: OAuthError, fields: { error: "invalid_grant" }, message: /revoked/ },
      },
    },
  },
];
