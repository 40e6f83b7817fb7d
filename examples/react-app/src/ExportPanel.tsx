import { PortabilityApiError, PortabilityError, type Resource } from "@dataportability/core";
import { type PortabilityHookError, useAccessType, useExportArchive } from "@dataportability/react";
import { ArchiveLinks } from "./ArchiveLinks.js";
import type { Backend } from "./backend.js";

const PHASE_LABELS = {
  idle: "Ready to export",
  initiating: "Starting the export…",
  waiting: "Google is preparing your archive…",
  complete: "Your archive is ready",
  failed: "The export failed",
  cancelled: "The export was cancelled",
  error: "Something went wrong",
} as const;

function ErrorDetails({
  error,
  nextAllowedAt,
}: {
  error: PortabilityHookError;
  nextAllowedAt?: Date;
}) {
  return (
    <div role="alert" className="error">
      <p>
        {error instanceof PortabilityError ? error.message : `Network problem: ${error.message}`}
      </p>
      {error instanceof PortabilityApiError && (
        <p>
          <code>
            {error.httpStatus} {error.code}
            {error.reason ? ` · ${error.reason}` : ""}
          </code>
        </p>
      )}
      {nextAllowedAt && (
        <p data-testid="next-allowed">
          The next export is allowed after{" "}
          <time dateTime={nextAllowedAt.toISOString()}>{nextAllowedAt.toLocaleString()}</time>.
        </p>
      )}
    </div>
  );
}

function AccessTypeNote() {
  const { data, error } = useAccessType();
  if (error) return null;
  if (!data) return <p className="muted">Checking access type…</p>;
  const timeBased = data.timeBasedResources.length;
  const oneTime = data.oneTimeResources.length;
  return (
    <p className="muted" data-testid="access-type">
      Access: {timeBased > 0 && `${timeBased} time-based (one export per 24 hours)`}
      {timeBased > 0 && oneTime > 0 && ", "}
      {oneTime > 0 && `${oneTime} one-time`}
      {timeBased + oneTime === 0 && "none"}
    </p>
  );
}

export function ExportPanel({ resources, backend }: { resources: Resource[]; backend: Backend }) {
  const exp = useExportArchive(resources);
  return (
    <div className="export">
      <AccessTypeNote />
      <p className={`phase phase-${exp.phase}`}>
        <span data-testid="phase" data-phase={exp.phase}>
          {exp.phase === "error" && exp.nextAllowedAt
            ? "Not allowed again yet"
            : PHASE_LABELS[exp.phase]}
        </span>
        {exp.jobId && (
          <small>
            {" "}
            · job <code data-testid="job-id">{exp.jobId}</code>
          </small>
        )}
      </p>

      {exp.phase === "waiting" && (
        <p data-testid="progress">
          State <code>{exp.state ?? "…"}</code> after {exp.checks} check
          {exp.checks === 1 ? "" : "s"}
          {exp.nextCheckAt && <> · next check at {exp.nextCheckAt.toLocaleTimeString()}</>}
          {exp.error && <> · last check failed: {exp.error.message}</>}
        </p>
      )}
      {exp.phase === "complete" && (
        <ArchiveLinks urls={exp.urls} expiresAt={exp.urlsExpireAt} backend={backend} />
      )}
      {exp.phase === "error" && (
        <ErrorDetails error={exp.error} nextAllowedAt={exp.nextAllowedAt} />
      )}

      <div className="actions">
        {(exp.phase === "idle" ||
          exp.phase === "cancelled" ||
          exp.phase === "error" ||
          exp.phase === "complete") && (
          <button type="button" onClick={exp.start} disabled={resources.length === 0}>
            {exp.phase === "idle" ? "Start export" : "Start a new export"}
          </button>
        )}
        {exp.phase === "waiting" && (
          <button type="button" onClick={exp.cancel} disabled={exp.cancelling}>
            {exp.cancelling ? "Cancelling…" : "Cancel export"}
          </button>
        )}
        {exp.phase === "failed" && (
          <button type="button" onClick={exp.retry}>
            Retry
          </button>
        )}
        {exp.phase === "complete" && (
          <button type="button" onClick={exp.refresh}>
            Refresh links
          </button>
        )}
      </div>
    </div>
  );
}
