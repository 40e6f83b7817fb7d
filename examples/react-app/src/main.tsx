import { createPortabilityClient } from "@dataportability/core";
import { DataPortabilityProvider } from "@dataportability/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { StrictMode } from "react";
import { createRoot } from "react-dom/client";
import { App } from "./App.js";
import type { Backend } from "./backend.js";
import { createSessionStore } from "./session-store.js";
import "./styles.css";

async function chooseBackend(): Promise<Backend> {
  const clientId = import.meta.env.VITE_GOOGLE_CLIENT_ID;
  if (clientId) {
    const { createGoogleBackend } = await import("./google-backend.js");
    return createGoogleBackend(
      clientId,
      import.meta.env.VITE_GOOGLE_CLIENT_SECRET,
      import.meta.env.VITE_DATAPORTABILITY_EMULATOR_URL,
    );
  }
  const { createEmulatorBackend } = await import("./emulator-backend.js");
  return createEmulatorBackend();
}

async function main() {
  const root = createRoot(document.getElementById("root")!);
  const backend = await chooseBackend();
  const sessions = createSessionStore();
  // A refused consent or a failed code exchange comes back here; the app shows it.
  const resumeError = await backend.resume().then(
    (session) => void sessions.set(session),
    (error: unknown) => (error instanceof Error ? error.message : String(error)),
  );
  // One client for the page; it reads the current session's token at each request.
  const client = createPortabilityClient({
    auth: () => sessions.get()?.accessToken ?? "",
    ...(backend.apiUrl && { baseUrl: backend.apiUrl }),
  });
  const queryClient = new QueryClient();
  root.render(
    <StrictMode>
      <QueryClientProvider client={queryClient}>
        <DataPortabilityProvider
          client={client}
          polling={backend.schedule ? { schedule: backend.schedule } : undefined}
        >
          <App backend={backend} sessions={sessions} initialAuthError={resumeError} />
        </DataPortabilityProvider>
      </QueryClientProvider>
    </StrictMode>,
  );
}

main().catch((error: unknown) => {
  document.body.textContent = `The app could not start: ${error instanceof Error ? error.message : String(error)}`;
});
