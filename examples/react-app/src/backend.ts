import type { PollSchedule, Resource } from "@dataportability/core";

/** What the user granted: an access token and the resources it covers. */
export interface Session {
  accessToken: string;
  granted: Resource[];
  /** Resources that were asked for but not granted (partial consent). */
  missing: Resource[];
  expiresAt: Date | undefined;
}

/** Where the app's API calls go: the in-browser emulator, or Google. */
export interface Backend {
  kind: "emulator" | "google";
  /** Where API calls go when not Google's: an emulator served over HTTP. */
  apiUrl: string | undefined;
  /** Asks for access to `resources`; Google's flow leaves the page and returns later. */
  authorize(resources: Resource[]): Promise<Session | undefined>;
  /** The session an OAuth redirect brought back, if this page load is one. */
  resume(): Promise<Session | undefined>;
  /** How often to check a running job; undefined keeps the SDK's default (minutes). */
  schedule: PollSchedule | undefined;
  /**
   * Saves an archive without following the link, when a plain link cannot work (MSW's
   * service worker answers `fetch` requests but lets page navigations through).
   */
  download: ((url: string, fileName: string) => Promise<void>) | undefined;
}
