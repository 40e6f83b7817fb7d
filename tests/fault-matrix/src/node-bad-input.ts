import { rm, writeFile } from "node:fs/promises";
import { basename, join } from "node:path";
import { InvalidArgumentError, PortabilityError } from "@dataportability/core";
import {
  downloadArchive,
  extractArchive,
  resolveEntryPath,
  startLoopbackReceiver,
  UnsafeArchiveEntryError,
} from "@dataportability/node";
import { HttpResponse, http } from "msw";
import type { BadInputContext } from "./bad-input-context.js";
import { type BadInputRow, typedError } from "./bad-input-row.js";
import { storedZip } from "./stored-zip.js";

const state = (urls: string[]) => ({ state: "COMPLETE" as const, urls });
const STORAGE = "https://storage.googleapis.com/dataportability-archives/a.zip";

/**
 * Malformed input for @dataportability/node's public functions: unsafe URLs, out-of-range
 * options, unfinished jobs, job IDs that change paths, zip entries that leave their folder;
 * and a storage server that answers with an HTML page instead of the archive.
 *
 * @example
 * for (const row of NODE_BAD_INPUT) await settle(() => row.call(context));
 */
export const NODE_BAD_INPUT: BadInputRow<BadInputContext>[] = [
  {
    fn: "downloadArchive",
    input: "empty folder",
    call: () => downloadArchive({ folder: "", state: state([STORAGE]) }),
    check: typedError(InvalidArgumentError, { field: "folder", message: /folder: missing/ }),
  },
  ...([0, 17, 1.5] as const).map(
    (concurrency): BadInputRow<BadInputContext> => ({
      fn: "downloadArchive",
      input: `concurrency ${concurrency}`,
      call: ({ folder }) => downloadArchive({ folder, concurrency, state: state([STORAGE]) }),
      check: typedError(InvalidArgumentError, { field: "concurrency", message: /1 to 16/ }),
    }),
  ),
  ...(
    [
      ["a file: URL", "file:///etc/passwd"],
      ["plain http to a metadata server", "http://169.254.169.254/latest/meta-data"],
      ["a javascript: URL", "javascript:alert(1)"],
      ["not a URL", "not a url"],
    ] as const
  ).map(
    ([what, url]): BadInputRow<BadInputContext> => ({
      fn: "downloadArchive",
      input: `state.urls with ${what}`,
      call: ({ folder }) => downloadArchive({ folder, state: state([url]) }),
      check: typedError(InvalidArgumentError, { field: "state.urls[0]", message: /https:\/\// }),
    }),
  ),
  {
    fn: "downloadArchive",
    input: 'slicing "sometimes"',
    call: ({ folder }) =>
      downloadArchive({ folder, slicing: "sometimes" as never, state: state([STORAGE]) }),
    check: typedError(InvalidArgumentError, {
      field: "slicing",
      message: /"adaptive" or "always"/,
    }),
  },
  {
    fn: "downloadArchive",
    input: "a job still IN_PROGRESS",
    call: ({ folder }) => downloadArchive({ folder, state: { state: "IN_PROGRESS", urls: [] } }),
    check: typedError(InvalidArgumentError, { field: "state", message: /IN_PROGRESS/ }),
  },
  {
    fn: "downloadArchive",
    input: "job ID with '..'",
    call: ({ folder, client }) => downloadArchive({ folder, client, jobId: "../x" }),
    check: typedError(InvalidArgumentError, { field: "jobId", message: /bad job ID/ }),
  },
  {
    fn: "resolveEntryPath",
    input: "zip entry '../../etc/passwd'",
    call: ({ folder }) => resolveEntryPath(folder, "../../etc/passwd"),
    check: typedError(UnsafeArchiveEntryError, { message: /would leave the archive's folder/ }),
  },
  {
    fn: "resolveEntryPath",
    input: "absolute zip entry '/etc/passwd'",
    call: ({ folder }) => resolveEntryPath(folder, "/etc/passwd"),
    check: typedError(UnsafeArchiveEntryError, { message: /etc\/passwd/ }),
  },
  {
    fn: "startLoopbackReceiver",
    input: "port 99999",
    call: async () => {
      const receiver = await startLoopbackReceiver({ state: "s".repeat(32), port: 99_999 });
      await receiver.close();
      return receiver.redirectUri;
    },
    check: typedError(InvalidArgumentError, { field: "port", message: /port/ }),
  },
  {
    fn: "startLoopbackReceiver",
    input: "empty state (no CSRF protection)",
    call: async () => {
      const receiver = await startLoopbackReceiver({ state: "" });
      await receiver.close();
      return receiver.redirectUri;
    },
    check: typedError(InvalidArgumentError, { field: "state", message: /state/ }),
  },
  {
    fn: "extractArchive",
    input: "zip with an entry '../escape.txt'",
    call: async ({ folder }) => {
      const zip = join(folder, "..", `${basename(folder)}-slip.zip`);
      await writeFile(zip, storedZip("../escape.txt", "outside"));
      try {
        return await extractArchive(zip, join(folder, "out"));
      } finally {
        await rm(zip, { force: true });
      }
    },
    check: (result) => {
      typedError(UnsafeArchiveEntryError, { message: /escape\.txt/ })(result);
    },
  },
  {
    fn: "downloadArchive",
    input: "storage answers 200 with an HTML page",
    fromServer: true,
    call: async ({ folder, client, jobId, server }) => {
      server.use(
        http.get(/^https:\/\/storage\.googleapis\.com\//, () =>
          HttpResponse.html("<html>Sign in to the Wi-Fi</html>"),
        ),
      );
      return downloadArchive({ folder, client, jobId });
    },
    check: typedError(PortabilityError, { message: /./ }),
  },
];
