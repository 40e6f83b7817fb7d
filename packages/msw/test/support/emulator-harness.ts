import { setupServer } from "msw/node";
import { afterAll, beforeAll } from "vitest";
import {
  createEmulator,
  type Emulator,
  type EmulatorOptions,
  VirtualClock,
} from "../../src/index.js";

export const API = "https://dataportability.googleapis.com";
export const START = new Date("2026-01-01T00:00:00Z");

export interface ApiAnswer {
  readonly status: number;
  readonly headers: Headers;
  // biome-ignore lint/suspicious/noExplicitAny: test helper returns parsed JSON of any shape
  readonly body: any;
}

/** One MSW server per test file; each `useEmulator` call swaps in a fresh emulator's handlers. */
export function emulatorHarness() {
  const server = setupServer();
  beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
  afterAll(() => server.close());

  return (options: EmulatorOptions = {}) => {
    const emulator: Emulator = createEmulator({ clock: new VirtualClock(START), ...options });
    server.resetHandlers(...emulator.handlers);
    const call = async (
      method: "GET" | "POST",
      path: string,
      init: { token?: string; body?: unknown; headers?: Record<string, string> } = {},
    ): Promise<ApiAnswer> => {
      const response = await fetch(`${API}${path}`, {
        method,
        headers: {
          ...(init.token ? { authorization: `Bearer ${init.token}` } : {}),
          ...(init.body !== undefined ? { "content-type": "application/json" } : {}),
          ...init.headers,
        },
        ...(init.body !== undefined
          ? { body: typeof init.body === "string" ? init.body : JSON.stringify(init.body) }
          : {}),
      });
      const text = await response.text();
      let body: unknown = text;
      try {
        body = JSON.parse(text);
      } catch {}
      return { status: response.status, headers: response.headers, body };
    };
    const initiate = (token: string, body: unknown) =>
      call("POST", "/v1/portabilityArchive:initiate", { token, body });
    const state = (token: string, id: string) =>
      call("GET", `/v1/archiveJobs/${id}/portabilityArchiveState`, { token });
    return { emulator, call, initiate, state, server };
  };
}

/** The ErrorInfo detail of a google.rpc.Status body. */
// biome-ignore lint/suspicious/noExplicitAny: parsed JSON
export function errorInfo(body: any) {
  return body.error.details.find(
    (d: { "@type": string }) => d["@type"] === "type.googleapis.com/google.rpc.ErrorInfo",
  );
}
