/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** A Google OAuth client ID (web application); unset to run against the emulator. */
  readonly VITE_GOOGLE_CLIENT_ID?: string;
  /**
   * Only for a "Web application" client, whose token endpoint wants the secret even with
   * PKCE; it ends up in the page's code, so it protects nothing there.
   */
  readonly VITE_GOOGLE_CLIENT_SECRET?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
