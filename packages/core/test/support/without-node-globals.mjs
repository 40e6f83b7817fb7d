// Runs the built package in a fresh Node process where every Node-only global looks absent to
// any code but Node's own internals (whose fetch classes use them), as in a browser, Deno, Bun or
// an edge runtime. Prints what the scenario returned, and which such globals the package looked
// up (a look-up answered `undefined`, so real use of one fails the scenario).
const out = globalThis.process.stdout;
const NODE_GLOBALS = [
  "process",
  "Buffer",
  "global",
  "setImmediate",
  "clearImmediate",
  "require",
  "module",
  "__dirname",
  "__filename",
];
const lookedUp = [];
for (const name of NODE_GLOBALS) {
  const real = Object.getOwnPropertyDescriptor(globalThis, name);
  Object.defineProperty(globalThis, name, {
    configurable: true,
    get() {
      const caller = new Error().stack?.split("\n")[2] ?? "";
      if (/\(node:|at node:/.test(caller)) return real?.get ? real.get() : real?.value;
      lookedUp.push({ name, caller: caller.trim() });
      return undefined;
    },
  });
}

const report = (value) => out.write(`${JSON.stringify(value)}\n`);
try {
  const core = await import(new URL("../../dist/index.js", import.meta.url).href);
  const oauth = await import(new URL("../../dist/oauth.js", import.meta.url).href);

  let reads = 0;
  const fetch = async (url, init) => {
    const path = new URL(url).pathname;
    if (new Headers(init.headers).get("authorization") !== "Bearer web-token") {
      return Response.json(
        { error: { code: 401, message: "no", status: "UNAUTHENTICATED" } },
        { status: 401 },
      );
    }
    if (path === "/v1/portabilityArchive:initiate") {
      return Response.json({ archiveJobId: "web-1", accessType: "ACCESS_TYPE_ONE_TIME" });
    }
    if (++reads === 1) {
      return new Response("<html><body>Bad gateway</body></html>", {
        status: 502,
        headers: { "content-type": "text/html" },
      });
    }
    return Response.json(
      reads < 3
        ? { state: "IN_PROGRESS" }
        : {
            name: "archiveJobs/web-1/portabilityArchiveState",
            state: "COMPLETE",
            urls: [
              "https://storage.googleapis.com/b/a.zip?X-Goog-Date=20260101T000000Z&X-Goog-Expires=21600",
            ],
            exportTime: "2026-01-01T00:00:00Z",
          },
    );
  };
  let now = Date.parse("2026-01-01T00:00:00Z");
  const client = core.createPortabilityClient({
    auth: { getAccessToken: () => "stale", refresh: async () => "web-token" },
    fetch,
    clock: {
      now: () => now,
      sleep: async (ms) => {
        now += ms;
      },
    },
  });
  const result = await core.exportArchive(client, { resources: ["myactivity.youtube"] });
  const invalid = await client.getArchiveState("a/b").catch((error) => error.name);
  const request = await oauth.createAuthorizationRequest({
    clientId: "web-client",
    redirectUri: "https://app.example/callback",
    resources: ["youtube.comments"],
  });
  report({
    lookedUp,
    result: { ...result, urlsExpireAt: result.urlsExpireAt.toISOString() },
    invalid,
    scope: core.scopeFor("myactivity.youtube"),
    authorizationUrl: request.url.href,
  });
} catch (error) {
  report({ lookedUp, error: String(error?.stack ?? error) });
}
