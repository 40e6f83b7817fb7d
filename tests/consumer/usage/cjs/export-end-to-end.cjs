// The same app from CommonJS, with require(): proves the CJS builds work at run time.
const assert = require("node:assert/strict");
const { mkdtemp, rm } = require("node:fs/promises");
const { tmpdir } = require("node:os");
const { join } = require("node:path");
const {
  createPortabilityClient,
  exportArchive,
  PortabilityApiError,
} = require("@dataportability/core");
const { createEmulatorServer } = require("@dataportability/msw/node");
const { downloadArchive } = require("@dataportability/node");

async function main() {
  const server = await createEmulatorServer({ completeAfterPolls: 0, archiveBytes: 4 * 1024 });
  const folder = await mkdtemp(join(tmpdir(), "dp-consumer-cjs-"));
  try {
    const token = server.emulator.issueToken({ resources: ["myactivity.search"] });
    const client = createPortabilityClient({ auth: token.accessToken, baseUrl: server.url });

    // A resource outside the consent is refused by the API with a typed error.
    await assert.rejects(
      client.initiateArchive({ resources: ["myactivity.youtube"] }),
      (error) => error instanceof PortabilityApiError && error.httpStatus === 403,
    );

    const archive = await exportArchive(client, { resources: ["myactivity.search"] });
    const { files, bytes } = await downloadArchive({ state: archive, client, folder });
    assert.ok(files.length > 0 && bytes > 0);
    console.log(`CJS: downloaded ${files.length} file(s), ${bytes} bytes`);
  } finally {
    await server.close();
    await rm(folder, { recursive: true, force: true });
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
