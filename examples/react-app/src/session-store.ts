import type { Session } from "./backend.js";

/** Holds the current session; the API client reads its token from here at each call. */
export interface SessionStore {
  get(): Session | undefined;
  set(session: Session | undefined): void;
  subscribe(listener: () => void): () => void;
}

export function createSessionStore(): SessionStore {
  let current: Session | undefined;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    set(session) {
      current = session;
      for (const listener of listeners) listener();
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
