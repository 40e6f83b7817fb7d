import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { extname, join, relative } from "node:path";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
};

/** Options of {@link serveStatic}. */
export interface ServeStaticOptions {
  /** Answer paths without an extension that match no file with `index.html` (a single-page app). */
  spaFallback?: boolean;
}

/** A running {@link serveStatic} server. */
export interface StaticServer {
  /** `http://127.0.0.1:<port>/` */
  url: string;
  close(): Promise<void>;
}

/**
 * Serves the files under `root` on 127.0.0.1 (a free port); folders answer with their
 * `index.html`, and nothing outside `root` is served.
 *
 * @example
 * ```ts
 * const server = await serveStatic("dist", { spaFallback: true });
 * await page.goto(server.url);
 * await server.close();
 * ```
 */
export async function serveStatic(
  root: string,
  options: ServeStaticOptions = {},
): Promise<StaticServer> {
  const fileFor = async (pathname: string): Promise<string | undefined> => {
    const file = join(root, pathname);
    if (relative(root, file).startsWith("..") || pathname.includes("\0")) return undefined;
    const info = await stat(file).catch(() => undefined);
    if (info?.isDirectory()) return fileFor(join(pathname, "index.html"));
    if (info?.isFile()) return file;
    return options.spaFallback && extname(pathname) === "" ? join(root, "index.html") : undefined;
  };
  const server = createServer(async (request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? "/", "http://x").pathname);
    const file = await fileFor(pathname);
    if (!file) {
      response.writeHead(404).end("not found");
      return;
    }
    response.writeHead(200, {
      "content-type": TYPES[extname(file)] ?? "application/octet-stream",
      "cache-control": "no-store",
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((listening) => server.listen(0, "127.0.0.1", listening));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/`,
    close: () =>
      new Promise<void>((closed, failed) => {
        server.closeAllConnections();
        server.close((error) => (error ? failed(error) : closed()));
      }),
  };
}
