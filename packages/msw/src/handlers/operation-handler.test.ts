import { setupServer } from "msw/node";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { createEmulator } from "../emulator/create-emulator.js";
import { handlers } from "./handlers.js";
import { rpcError } from "./rpc-error.js";

const API = "https://dataportability.googleapis.com";
const server = setupServer();
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterEach(() => server.resetHandlers());
afterAll(() => server.close());

const check = (query = "") =>
  fetch(`${API}/v1/accessType:check${query}`, {
    method: "POST",
    headers: { authorization: "Bearer t", "content-type": "application/json" },
    body: "{}",
  });

/** The body as text, after checking that content-length counts its bytes. */
async function body(response: Response): Promise<string> {
  const text = await response.text();
  expect(Number(response.headers.get("content-length"))).toBe(
    new TextEncoder().encode(text).length,
  );
  return text;
}

describe("prettyPrint, Google's standard parameter", () => {
  const answer = { oneTimeResources: ["maps.reviews"], timeBasedResources: [] };

  it("indents JSON answers by default and sends them without whitespace for prettyPrint=false", async () => {
    server.use(handlers.checkAccessType({ body: answer }));
    const pretty = await body(await check());
    expect(pretty).toBe(JSON.stringify(answer, null, 2));
    expect(await body(await check("?prettyPrint=false"))).toBe(JSON.stringify(answer));
    expect(await body(await check("?quotaUser=u&prettyPrint=true"))).toBe(pretty);
  });

  it("applies to error answers too", async () => {
    const refusal = rpcError({ status: "NOT_FOUND", message: "No such job" });
    server.use(handlers.checkAccessType(refusal));
    const response = await check();
    expect(response.status).toBe(404);
    expect(await body(response)).toBe(JSON.stringify(refusal.body, null, 2));
    expect(await body(await check("?prettyPrint=false"))).toBe(JSON.stringify(refusal.body));
  });

  it("applies to the emulator's answers and its faults", async () => {
    const emulator = createEmulator({ faults: [{ name: "rate-limit", times: 1 }] });
    server.use(...emulator.handlers);
    const { accessToken } = emulator.issueToken({ resources: ["maps.reviews"] });
    const call = (query: string) =>
      fetch(`${API}/v1/accessType:check${query}`, {
        method: "POST",
        headers: { authorization: `Bearer ${accessToken}` },
        body: "{}",
      });
    const limited = await call("");
    expect(limited.status).toBe(429);
    expect(await body(limited)).toMatch(/^\{\n {2}"error": \{\n {4}"code": 429,/);
    expect(await body(await call("?prettyPrint=false"))).toBe(
      '{"oneTimeResources":["maps.reviews"]}',
    );
  });
});
