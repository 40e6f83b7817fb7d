// Typed use of @dataportability/react (type-checked, not run).
import { createPortabilityClient } from "@dataportability/core";
import { DataPortabilityProvider, useArchiveState, useExportArchive } from "@dataportability/react";
import { QueryClient, QueryClientProvider } from "@tanstack/react-query";

const client = createPortabilityClient({ auth: async () => "token" });
const queryClient = new QueryClient();

function Status({ jobId }: { jobId: string }) {
  const state = useArchiveState(jobId);
  return <p>{state.data?.state ?? "…"}</p>;
}

function ExportButton() {
  const exp = useExportArchive(["myactivity.youtube"]);
  if (exp.phase === "complete") {
    return (
      <ul>
        {exp.urls.map((url) => (
          <li key={url}>
            <a href={url}>Download</a>
          </li>
        ))}
      </ul>
    );
  }
  return (
    <button type="button" onClick={exp.start}>
      {exp.phase}
    </button>
  );
}

export function App() {
  return (
    <QueryClientProvider client={queryClient}>
      <DataPortabilityProvider client={client}>
        <ExportButton />
        <Status jobId="0123456789" />
      </DataPortabilityProvider>
    </QueryClientProvider>
  );
}
