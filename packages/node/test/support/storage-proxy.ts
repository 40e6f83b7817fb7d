import http from "node:http";
import type { AddressInfo } from "node:net";

/**
 * What the proxy does with the next requests: forward them untouched, answer as a captive
 * portal (200 `text/html`, chunked: no Content-Length, no `x-goog-hash`), or forward them with
 * `x-goog-hash` removed (a proxy that drops unknown headers), or forward them without their
 * `Range` header (a server that ignores Range and answers 200 with the whole object).
 */
export type ProxyMode = "forward" | "portal" | "strip-hash" | "ignore-range";

const PORTAL_PAGE = "<html>Sign in to the Wi-Fi</html>";

/** A proxy on 127.0.0.1 in front of `upstream` whose behaviour can be switched between runs. */
export async function startStorageProxy(upstream: string) {
  const target = new URL(upstream);
  let mode: ProxyMode = "forward";
  const server = http.createServer((req, res) => {
    if (mode === "portal") {
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
      res.end(PORTAL_PAGE);
      return;
    }
    const headers = { ...req.headers, host: target.host };
    if (mode === "ignore-range") delete headers.range;
    const forward = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers },
      (answer) => {
        const answerHeaders = { ...answer.headers };
        if (mode === "strip-hash") delete answerHeaders["x-goog-hash"];
        res.writeHead(answer.statusCode ?? 502, answerHeaders);
        answer.pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    setMode(next: ProxyMode) {
      mode = next;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
