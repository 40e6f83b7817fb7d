/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** A Google OAuth client ID (web application); unset to run against the emulator. */
  readonly VITE_GOOGLE_CLIENT_ID?: string;
  /**
   * Only for a "Web application" client, whose token endpoint wants the secret even with
   * PKCE; it ends up in the page's code, so it protects nothing there.
   */
  readonly VITE_GOOGLE_CLIENT_SECRET?: string;
  /**
   * With a client ID: run Google's sign-in flow and the API against an emulator served over
   * HTTP (`dataportability-emulator --port 8080` → `http://127.0.0.1:8080`) instead of Google.
   */
  readonly VITE_DATAPORTABILITY_EMULATOR_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
