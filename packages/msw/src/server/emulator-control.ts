import type { Emulator, IssueTokenOptions } from "../emulator/emulator.js";
import type { ConsentScript } from "../emulator/emulator-options.js";
import type { FaultSpec } from "../faults/fault-spec.js";

/**
 * The path prefix of the control routes an emulator server adds.
 *
 * @example
 * ```ts
 * await fetch(`${server.url}${CONTROL_PREFIX}/clock/advance`, { method: "POST", body: JSON.stringify({ ms: 86_400_000 }) });
 * ```
 */
export const CONTROL_PREFIX = "/emulator";

function json(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body, null, 2), {
    status,
    headers: { "content-type": "application/json" },
  });
}

/**
 * Answers the emulator server's control routes, so clients in any language can drive it:
 * `GET /emulator`, `POST /emulator/clock/advance {"ms"}`, `POST /emulator/clock/set {"time"}`,
 * `POST /emulator/faults [...]`, `POST /emulator/consent {...}`, `POST /emulator/tokens {...}`,
 * `GET /emulator/jobs`, `GET /emulator/jobs/ID`, `POST /emulator/jobs/ID/complete|fail`.
 * Returns undefined for any other path.
 *
 * @example
 * ```ts
 * await controlResponse(emulator, new Request(`${url}/emulator/clock/advance`, { method: "POST", body: '{"ms":86400000}' }));
 * ```
 */
export async function controlResponse(
  emulator: Emulator,
  request: Request,
): Promise<Response | undefined> {
  const url = new URL(request.url);
  if (url.pathname !== CONTROL_PREFIX && !url.pathname.startsWith(`${CONTROL_PREFIX}/`))
    return undefined;
  const path = url.pathname.slice(CONTROL_PREFIX.length).replace(/\/+$/, "");
  const method = request.method.toUpperCase();
  try {
    const text = method === "POST" || method === "PUT" ? await request.text() : "";
    const input = (text.trim() === "" ? {} : JSON.parse(text)) as Record<string, unknown>;
    if (method === "GET" && path === "") {
      return json({
        now: emulator.clock.now().toISOString(),
        apiUrl: emulator.apiUrl,
        storageUrl: emulator.storageUrl,
        oauthUrl: emulator.oauthUrl,
        authorizeUrl: emulator.authorizeUrl,
        tokenUrl: emulator.tokenUrl,
        revokeUrl: emulator.revokeUrl,
        faults: emulator.faults,
        users: emulator.userCount,
      });
    }
    if (method === "POST" && path === "/clock/advance") {
      const ms = Number(input["ms"]);
      return json({ now: emulator.clock.advance(ms).toISOString() });
    }
    if (method === "POST" && path === "/clock/set") {
      emulator.clock.set(new Date(String(input["time"])));
      return json({ now: emulator.clock.now().toISOString() });
    }
    if ((method === "POST" || method === "PUT") && path === "/faults") {
      emulator.setFaults((Array.isArray(input) ? input : []) as FaultSpec[]);
      return json({ faults: emulator.faults });
    }
    if (method === "POST" && path === "/consent") {
      emulator.setConsent(input as ConsentScript);
      return json({ consent: input });
    }
    if (method === "POST" && path === "/tokens") {
      const issued = emulator.issueToken(input as unknown as IssueTokenOptions);
      return json({ ...issued, expiresAt: issued.expiresAt.toISOString() });
    }
    if (method === "GET" && path === "/jobs") return json(emulator.jobs());
    const job = /^\/jobs\/([^/]+)(?:\/(complete|fail))?$/.exec(path);
    if (job && method === "GET" && !job[2]) {
      const found = emulator.job(decodeURIComponent(job[1]!));
      return found ? json(found) : json({ error: `No archive job ${job[1]}` }, 404);
    }
    if (job && method === "POST" && job[2]) {
      const id = decodeURIComponent(job[1]!);
      return json(job[2] === "complete" ? emulator.completeJob(id) : emulator.failJob(id));
    }
    return json({ error: `No control route ${method} ${url.pathname}` }, 404);
  } catch (error) {
    return json({ error: error instanceof Error ? error.message : String(error) }, 400);
  }
}
