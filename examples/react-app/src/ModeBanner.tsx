import type { Backend } from "./backend.js";

export function ModeBanner({ backend }: { backend: Backend }) {
  if (backend.kind === "google" && backend.apiUrl) {
    return (
      <p className="banner emulator" data-testid="mode">
        <strong>Test mode:</strong> the Google sign-in flow and the API run against the Data
        Portability <em>emulator</em> at <code>{backend.apiUrl}</code>. No Google account is used.
      </p>
    );
  }
  if (backend.kind === "google") {
    return (
      <p className="banner google" data-testid="mode">
        Connected to Google's Data Portability API: exports contain your real data.
      </p>
    );
  }
  return (
    <p className="banner emulator" data-testid="mode">
      <strong>Demo mode:</strong> this page runs against the Data Portability <em>emulator</em>{" "}
      inside your browser (an MSW service worker answers every API, sign-in and download request).
      No Google account is used and no data leaves the page. Set <code>VITE_GOOGLE_CLIENT_ID</code>{" "}
      to use Google instead.
    </p>
  );
}
