import { HttpResponse, http } from "msw";
import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { instantClock } from "../../test/support/instant-clock.js";
import { createPortabilityClient } from "../client/create-portability-client.js";
import {
  ArchiveCancelledError,
  ArchiveFailedError,
  ArchiveNotReadyError,
} from "../errors/archive-errors.js";
import { PortabilityApiError } from "../errors/portability-api-error.js";
import { exportArchive, refreshArchiveUrls } from "./export-archive.js";
import { nextExportAllowedAt, nextStartTime } from "./incremental.js";

const API = "https://dataportability.googleapis.com";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const signed = (name: string, date: string, seconds: number) =>
  `https://storage.googleapis.com/bucket/${name}?X-Goog-Algorithm=GOOG4-RSA-SHA256&X-Goog-Date=${date}&X-Goog-Expires=${seconds}&X-Goog-Signature=00ff`;

function serve(states: Record<string, object>, initiate: () => Response) {
  server.use(
    http.post(`${API}/v1/portabilityArchive:initiate`, initiate),
    http.get(`${API}/v1/archiveJobs/:id/portabilityArchiveState`, ({ params }) =>
      HttpResponse.json({
        name: `archiveJobs/${params.id}/portabilityArchiveState`,
        ...states[String(params.id)],
      }),
    ),
  );
}

describe("exportArchive", () => {
  it("initiates, waits and returns URLs with their earliest expiry", async () => {
    let reads = 0;
    server.use(
      http.post(`${API}/v1/portabilityArchive:initiate`, () =>
        HttpResponse.json({ archiveJobId: "e1", accessType: "ACCESS_TYPE_ONE_TIME" }),
      ),
      http.get(`${API}/v1/archiveJobs/e1/portabilityArchiveState`, () =>
        ++reads < 3
          ? HttpResponse.json({ state: "IN_PROGRESS" })
          : HttpResponse.json({
              name: "archiveJobs/e1/portabilityArchiveState",
              state: "COMPLETE",
              urls: [
                signed("a.zip", "20260101T010000Z", 21_600),
                signed("b.zip", "20260101T003000Z", 21_600),
              ],
              exportTime: "2026-01-01T00:00:00Z",
            }),
      ),
    );
    const client = createPortabilityClient({ auth: "t", clock: instantClock() });
    const started: string[] = [];
    const result = await exportArchive(client, {
      resources: ["myactivity.youtube"],
      onJobStarted: (job) => started.push(job.archiveJobId),
    });
    expect(started).toEqual(["e1"]);
    expect(result).toEqual({
      jobId: "e1",
      jobIds: ["e1"],
      accessType: "ONE_TIME",
      reused: false,
      urls: [
        signed("a.zip", "20260101T010000Z", 21_600),
        signed("b.zip", "20260101T003000Z", 21_600),
      ],
      exportTime: new Date("2026-01-01T00:00:00Z"),
      startTime: undefined,
      urlsExpireAt: new Date("2026-01-01T06:30:00Z"),
    });
    expect(nextStartTime(result)).toEqual(new Date("2026-01-01T00:00:00Z"));
  });

  it("reuses an identical running job and follows retried jobs", async () => {
    serve(
      {
        x: { state: "FAILED" },
        "x-2": { state: "COMPLETE", urls: ["https://storage.googleapis.com/b/plain.zip"] },
      },
      () =>
        HttpResponse.json(
          {
            error: {
              code: 409,
              message: "exists",
              status: "ALREADY_EXISTS",
              details: [
                {
                  "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                  reason: "ALREADY_EXISTS_ONE_TIME",
                  metadata: { job_id: "x" },
                },
              ],
            },
          },
          { status: 409 },
        ),
    );
    server.use(
      http.post(`${API}/v1/archiveJobs/x:retry`, () => HttpResponse.json({ archiveJobId: "x-2" })),
    );
    const clock = instantClock();
    const client = createPortabilityClient({ auth: "t", clock });
    const result = await exportArchive(client, { resources: ["maps.reviews"], retryFailed: true });
    expect(result).toMatchObject({ jobId: "x-2", jobIds: ["x", "x-2"], reused: true });
    // Unsigned URLs: assume Google's 6 hours from the read.
    expect(result.urlsExpireAt.getTime()).toBe(clock.now() + 6 * 3_600_000);
  });

  it("reports the next allowed time of a time-based export", async () => {
    serve({}, () =>
      HttpResponse.json(
        {
          error: {
            code: 429,
            message: "once a day",
            status: "RESOURCE_EXHAUSTED",
            details: [
              {
                "@type": "type.googleapis.com/google.rpc.ErrorInfo",
                reason: "RESOURCE_EXHAUSTED_TIME_BASED",
                metadata: { timestamp_after_24hrs: "2026-01-02T00:00:00Z", previous_job_ids: "p1" },
              },
            ],
          },
        },
        { status: 429 },
      ),
    );
    const client = createPortabilityClient({ auth: "t", clock: instantClock() });
    const error = await exportArchive(client, { resources: ["maps.reviews"] }).catch((e) => e);
    expect(error).toBeInstanceOf(PortabilityApiError);
    expect(nextExportAllowedAt(error)).toEqual(new Date("2026-01-02T00:00:00Z"));
    expect(nextExportAllowedAt(new Error("other"))).toBeUndefined();
    expect(nextStartTime({})).toBeUndefined();
  });
});

describe("refreshArchiveUrls", () => {
  it("returns fresh URLs of a COMPLETE job and names other states", async () => {
    serve(
      {
        done: { state: "COMPLETE", urls: [signed("c.zip", "20260105T000000Z", 3_600)] },
        running: { state: "IN_PROGRESS" },
        failed: { state: "FAILED" },
        cancelled: { state: "CANCELLED" },
      },
      () => HttpResponse.json({}),
    );
    const client = createPortabilityClient({ auth: "t" });
    await expect(refreshArchiveUrls(client, "done")).resolves.toMatchObject({
      jobId: "done",
      urlsExpireAt: new Date("2026-01-05T01:00:00Z"),
    });
    await expect(refreshArchiveUrls(client, "running")).rejects.toBeInstanceOf(
      ArchiveNotReadyError,
    );
    await expect(refreshArchiveUrls(client, "failed")).rejects.toBeInstanceOf(ArchiveFailedError);
    await expect(refreshArchiveUrls(client, "cancelled")).rejects.toBeInstanceOf(
      ArchiveCancelledError,
    );
  });
});
