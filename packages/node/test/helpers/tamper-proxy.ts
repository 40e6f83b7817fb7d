import http from "node:http";
import type { AddressInfo } from "node:net";
import { Transform } from "node:stream";

/**
 * A man in the middle on 127.0.0.1 that forwards every request to `upstream` and flips one
 * byte of each body at absolute object offset `flipAt`, leaving headers (and so the announced
 * `x-goog-hash`) untouched: a tampered archive.
 */
export async function startTamperProxy(upstream: string, flipAt: number) {
  const target = new URL(upstream);
  const server = http.createServer((req, res) => {
    const headers = { ...req.headers, host: target.host };
    const forward = http.request(
      { host: target.hostname, port: target.port, path: req.url, method: req.method, headers },
      (answer) => {
        const range = /^bytes (\d+)-/.exec(String(answer.headers["content-range"] ?? ""));
        let position = range ? Number(range[1]) : 0;
        const flip = new Transform({
          transform(chunk: Buffer, _encoding, callback) {
            if (flipAt >= position && flipAt < position + chunk.length) {
              chunk = Buffer.from(chunk);
              chunk[flipAt - position] = (chunk[flipAt - position] ?? 0) ^ 0xff;
            }
            position += chunk.length;
            callback(null, chunk);
          },
        });
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        answer.pipe(flip).pipe(res);
      },
    );
    forward.on("error", () => res.destroy());
    req.pipe(forward);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
