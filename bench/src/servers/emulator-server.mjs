/**
 * The Data Portability emulator over HTTP on 127.0.0.1, in its own process for the bench.
 * Plain JavaScript on purpose: no TypeScript loader in the process, so its memory is Node's
 * plus the emulator's. argv[2]: JSON emulator options. Prints one JSON line
 * `{ url, storageUrl, accessToken }`, then serves until SIGTERM.
 */
import { createEmulatorServer } from "@dataportability/msw/node";

const options = JSON.parse(process.argv[2] ?? "{}");
const server = await createEmulatorServer({ port: 0, ...options });
const token = server.emulator.issueToken({
  resources: ["myactivity.youtube"],
  expiresInMs: 24 * 3_600_000,
});
process.stdout.write(
  `${JSON.stringify({ url: server.url, storageUrl: server.storageUrl, accessToken: token.accessToken })}\n`,
);
process.on("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
