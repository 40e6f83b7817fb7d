// A Node app using the installed tarballs from ESM: the emulator over real HTTP on 127.0.0.1,
// an export with the core client, the download with @dataportability/node, and a look inside.
import { strict as assert } from "node:assert";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import {
  createPortabilityClient,
  exportArchive,
  InvalidArgumentError,
  scopeFor,
} from "@dataportability/core";
import { createEmulatorServer } from "@dataportability/msw/node";
import { downloadArchive, listArchiveEntries } from "@dataportability/node";
import { RESOURCES } from "@dataportability/spec";

const server = await createEmulatorServer({ completeAfterPolls: 0, archiveBytes: 8 * 1024 });
const folder = await mkdtemp(join(tmpdir(), "dp-consumer-esm-"));
try {
  assert.ok(RESOURCES.includes("myactivity.youtube"));
  assert.equal(
    scopeFor("myactivity.youtube"),
    "https://www.googleapis.com/auth/dataportability.myactivity.youtube",
  );
  const token = server.emulator.issueToken({ resources: ["myactivity.youtube"] });
  const client = createPortabilityClient({ auth: token.accessToken, baseUrl: server.url });

  await assert.rejects(
    client.initiateArchive({ resources: ["myactivity.youtub"] }),
    (error) => error instanceof InvalidArgumentError && error.suggestion === "myactivity.youtube",
  );

  const archive = await exportArchive(client, { resources: ["myactivity.youtube"] });
  assert.ok(archive.urls.length > 0, "a COMPLETE export has URLs");
  assert.ok(archive.urlsExpireAt > new Date(), "the signed URLs expire in the future");

  const { files } = await downloadArchive({ state: archive, client, folder });
  assert.equal(files.length, archive.urls.length);
  const entries = await listArchiveEntries(files[0].path);
  assert.ok(entries.length > 0, "the archive holds entries");
  console.log(`exported ${files.length} archive(s), ${entries.length} entries in the first`);
} finally {
  await server.close();
  await rm(folder, { recursive: true, force: true });
}
