import { mkdtemp, readdir, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { EXIT_CODES, run } from "@dataportability/cli";
import { createEmulator } from "@dataportability/msw";
import { setupServer } from "msw/node";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { record } from "../src/scenario-meta.js";

const server = setupServer();
let requests = 0;
server.events.on("request:start", () => {
  requests++;
});
beforeAll(() => server.listen({ onUnhandledRequest: "error" }));
afterAll(() => server.close());

const HUGE = "a".repeat(100_000);

/** argv, and what stderr must say. Every row must exit with the usage code (2). */
const ROWS: [argv: string[], stderr: RegExp][] = [
  [["status", "../x"], /"\.\.\/x" is not a job ID/],
  [["status", "a/b"], /"a\/b" is not a job ID/],
  [["status", "abc%2F..%2Freset"], /bad job ID "abc%2F\.\.%2Freset"/],
  [["status", HUGE], /bad job ID/],
  [["cancel", "a?b"], /bad job ID "a\?b"/],
  [["retry", "#x"], /bad job ID "#x"/],
  [["wait", ".hidden"], /bad job ID "\.hidden"/],
  [["download", "../../etc"], /"\.\.\/\.\.\/etc" is not a job ID/],
  [["export", "--resource", "myactivity.youtub"], /did you mean "myactivity\.youtube"/],
  [["export", "--resource", "nope"], /Unknown resource "nope"/],
  [["export"], /No resource given/],
  [
    [
      "export",
      "--resource",
      "myactivity.youtube",
      "--since",
      "2026-02-01T00:00:00Z",
      "--until",
      "2026-01-01T00:00:00Z",
    ],
    /--since must be before --until/,
  ],
  [["export", "--resource", "myactivity.youtube", "--since", "yesterday"], /is not a date/],
  [["export", "--resource", "myactivity.youtube", "--timeout", "-5m"], /is not a duration/],
  [["wait", "abc", "--timeout", "forever"], /is not a duration/],
  [["exprot"], /unknown command 'exprot'[\s\S]*export/],
  [["status"], /missing required argument 'job'/],
  [["status", "--bogus", "x"], /unknown option '--bogus'/],
  [["emulator", "--port", "99999"], /--port 99999 is not a port/],
  [["emulator", "--archive-bytes", "1PB"], /Invalid size "1PB"/],
  [["emulator", "--scenario", "nope"], /Unknown scenario "nope"/],
];

describe("@dataportability/cli", () => {
  for (const [argv, stderr] of ROWS) {
    const shown = argv.map((a) => (a.length > 40 ? `<${a.length} chars>` : a)).join(" ");
    it(`dataportability ${shown}`, async ({ task }) => {
      const emulator = createEmulator();
      server.resetHandlers(...emulator.handlers);
      const { accessToken } = emulator.issueToken({ resources: ["myactivity.youtube"] });
      const cwd = await mkdtemp(join(tmpdir(), "dp-cli-bad-input-"));
      try {
        let out = "";
        let err = "";
        const before = requests;
        const code = await run(argv, {
          stdout: {
            write: (chunk: string) => {
              out += chunk;
            },
          },
          stderr: {
            write: (chunk: string) => {
              err += chunk;
            },
          },
          env: {
            DATAPORTABILITY_ACCESS_TOKEN: accessToken,
            DATAPORTABILITY_CONFIG_DIR: join(cwd, "config"),
            NO_COLOR: "1",
          },
          cwd,
        });
        const sent = requests - before;
        record(task.meta, {
          kind: "bad-input",
          bytesLost: 0,
          bytesVerified: 0,
          requestsSent: sent,
        });
        expect(code).toBe(EXIT_CODES.usage);
        expect(err).toMatch(stderr);
        expect(err + out).not.toContain(accessToken);
        expect(sent, "requests sent for input that was ours").toBe(0);
        expect(await readdir(cwd), "files written").toEqual([]);
      } finally {
        await rm(cwd, { recursive: true, force: true });
      }
    });
  }
});
