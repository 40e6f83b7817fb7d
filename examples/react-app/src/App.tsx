import type { Resource } from "@dataportability/core";
import { useResetAuthorization } from "@dataportability/react";
import { useState, useSyncExternalStore } from "react";
import { ArchiveRecordsPanel } from "./ArchiveRecordsPanel.js";
import type { Backend } from "./backend.js";
import { ExportPanel } from "./ExportPanel.js";
import { ModeBanner } from "./ModeBanner.js";
import { ResourcePicker } from "./ResourcePicker.js";
import type { SessionStore } from "./session-store.js";

const DEFAULT_SELECTION: Resource[] = ["myactivity.youtube", "youtube.subscriptions"];

export function App({
  backend,
  sessions,
  initialAuthError,
}: {
  backend: Backend;
  sessions: SessionStore;
  initialAuthError?: string | undefined;
}) {
  const session = useSyncExternalStore(sessions.subscribe, sessions.get, () => undefined);
  // Back from a sign-in redirect, show what was asked for.
  const [selected, setSelected] = useState<Resource[]>(() => {
    const resumed = sessions.get();
    return resumed ? [...resumed.granted, ...resumed.missing] : DEFAULT_SELECTION;
  });
  const [authError, setAuthError] = useState(initialAuthError);
  const [authorizing, setAuthorizing] = useState(false);
  const reset = useResetAuthorization({ onSuccess: () => sessions.set(undefined) });

  const authorize = async () => {
    setAuthError(undefined);
    setAuthorizing(true);
    try {
      const next = await backend.authorize(selected);
      if (next) sessions.set(next);
    } catch (error) {
      setAuthError(error instanceof Error ? error.message : String(error));
    } finally {
      setAuthorizing(false);
    }
  };

  return (
    <main>
      <h1>Export your Google data</h1>
      <ModeBanner backend={backend} />

      <section>
        <h2>1. Choose what to export</h2>
        <ResourcePicker selected={selected} onChange={setSelected} disabled={Boolean(session)} />
      </section>

      <section>
        <h2>2. Allow access</h2>
        {session ? (
          <>
            <p data-testid="granted">
              Access granted for {session.granted.length} resource group
              {session.granted.length === 1 ? "" : "s"}: {session.granted.join(", ")}
            </p>
            {session.missing.length > 0 && (
              <p className="warning">Not granted, so not exported: {session.missing.join(", ")}</p>
            )}
            <button type="button" onClick={() => reset.mutate()} disabled={reset.isPending}>
              Done: revoke access
            </button>
            {reset.error && <p role="alert">{reset.error.message}</p>}
          </>
        ) : (
          <>
            <button
              type="button"
              onClick={authorize}
              disabled={authorizing || selected.length === 0}
            >
              {backend.kind === "emulator" ? "Allow access (emulator)" : "Sign in with Google"}
            </button>
            {authError && <p role="alert">{authError}</p>}
          </>
        )}
      </section>

      {session && (
        <section>
          <h2>3. Export</h2>
          <ExportPanel resources={session.granted} backend={backend} />
        </section>
      )}

      <section>
        <h2>Read an archive</h2>
        <p>Pick a downloaded archive to see its records; it is read in this tab, never uploaded.</p>
        <ArchiveRecordsPanel />
      </section>
    </main>
  );
}
