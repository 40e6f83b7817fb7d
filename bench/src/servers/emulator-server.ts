/**
 * The Data Portability emulator over HTTP on 127.0.0.1, in its own process for the bench.
 * argv[2]: JSON emulator options. Prints one JSON line `{ url, storageUrl, accessToken }`,
 * then serves until SIGTERM.
 */
import { createEmulatorServer } from "@dataportability/msw/node";

const options = JSON.parse(process.argv[2] ?? "{}") as Record<string, unknown>;
const server = await createEmulatorServer({ port: 0, ...options });
const token = server.emulator.issueToken({ resources: ["myactivity.youtube"] });
process.stdout.write(
  `${JSON.stringify({ url: server.url, storageUrl: server.storageUrl, accessToken: token.accessToken })}\n`,
);
process.on("SIGTERM", () => {
  void server.close().then(() => process.exit(0));
});
