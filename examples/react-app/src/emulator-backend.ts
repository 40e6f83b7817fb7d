import { parseGrantedScopes } from "@dataportability/core";
import type { Backend } from "./backend.js";
import { downloadBlob } from "./download-blob.js";

/**
 * Starts the Data Portability emulator in this page behind MSW's service worker. Jobs
 * complete after two state checks, and the app checks every 1.5 s, so a demo export takes
 * a few seconds instead of hours.
 */
export async function createEmulatorBackend(): Promise<Backend> {
  const [{ createEmulator }, { setupWorker }] = await Promise.all([
    import("@dataportability/msw"),
    import("msw/browser"),
  ]);
  const emulator = createEmulator({ completeAfterPolls: 2, archiveBytes: 96 * 1024 });
  const worker = setupWorker(...emulator.handlers);
  await worker.start({
    serviceWorker: { url: `${import.meta.env.BASE_URL}mockServiceWorker.js` },
    // The app's own files are served normally.
    onUnhandledRequest: "bypass",
    quiet: true,
  });
  return {
    kind: "emulator",
    apiUrl: undefined,
    schedule: () => 1500,
    async authorize(resources) {
      // Stands in for Google's consent screen: the emulator grants a time-based consent.
      const token = emulator.issueToken({ resources, accessType: "TIME_BASED", days: 30 });
      const { granted, missing } = parseGrantedScopes(token.scope, resources);
      return { accessToken: token.accessToken, granted, missing, expiresAt: token.expiresAt };
    },
    resume: async () => undefined,
    // MSW's worker does not answer page navigations, so a link click would leave for the real
    // storage host; fetching the signed URL goes through the worker instead.
    download: downloadBlob,
  };
}
