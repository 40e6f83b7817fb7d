import { existsSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import type { Figure } from "../harness/figure.js";
import { interleave } from "../harness/interleave.js";
import { runMeasuredChild } from "../harness/measured-child.js";
import { REPO_ROOT } from "../harness/paths.js";
import { pairedRatios } from "../harness/stats.js";
import { type Suite, SuiteSkipped } from "../harness/suite.js";

const CLI_BIN = join(REPO_ROOT, "packages", "cli", "dist", "bin.js");

/** The CLI's exit code for refused credentials (`EXIT_CODES.auth`). */
const AUTH_EXIT_CODE = 3;

/** One command line measured from spawn to exit, and how to tell it did what was meant. */
interface Command {
  key: string;
  label: string;
  args: string[];
  expect: (code: number | null, output: string) => boolean;
}

/**
 * CLI startup: wall time from spawn to exit of `dataportability --version`, of
 * `dataportability export` against an API on 127.0.0.1 that refuses the token at once (401),
 * and of `dataportability emulator --help` (which loads the emulator), each as a ratio to a bare
 * `node -e ""` started side by side. The export against a non-emulator URL must not load the
 * emulator, so its cost stays near `--version`'s.
 *
 * @example
 * const sections = await cliStartupSuite.run(context);
 */
export const cliStartupSuite: Suite = {
  id: "cli-startup",
  title: "CLI startup",
  async run(context) {
    if (!existsSync(CLI_BIN)) throw new SuiteSkipped(`${CLI_BIN} is not built`);
    const refusing = createServer((request, response) => {
      request.resume();
      response.writeHead(401, { "content-type": "application/json; charset=UTF-8" });
      response.end(
        JSON.stringify({
          error: {
            code: 401,
            message: "Request had invalid authentication credentials.",
            status: "UNAUTHENTICATED",
          },
        }),
      );
    });
    await new Promise<void>((listening) => refusing.listen(0, "127.0.0.1", listening));
    const apiUrl = `http://127.0.0.1:${(refusing.address() as AddressInfo).port}`;
    const home = await context.tempDir("cli-startup");
    const env = {
      PATH: process.env["PATH"],
      HOME: home,
      XDG_CONFIG_HOME: home,
      NO_COLOR: "1",
      DATAPORTABILITY_API_URL: apiUrl,
      DATAPORTABILITY_ACCESS_TOKEN: "ya29.bench-refused",
    };
    const commands: Command[] = [
      {
        key: "node",
        label: '`node -e ""` (baseline)',
        args: ["-e", ""],
        expect: (code) => code === 0,
      },
      {
        key: "version",
        label: "`dataportability --version`",
        args: [CLI_BIN, "--version"],
        expect: (code, output) => code === 0 && /\d+\.\d+\.\d+/.test(output),
      },
      {
        key: "export",
        label: "`dataportability export` against an API that answers 401 at once",
        args: [CLI_BIN, "export", "--resource", "myactivity.youtube", "--out", join(home, "out")],
        expect: (code, output) => code === AUTH_EXIT_CODE && output.includes("401"),
      },
      {
        key: "emulator-help",
        label: "`dataportability emulator --help` (loads the emulator)",
        args: [CLI_BIN, "emulator", "--help"],
        expect: (code, output) => code === 0 && output.includes("--scenario"),
      },
    ];
    try {
      const values = await interleave(
        commands.map((command) => ({
          key: command.key,
          run: async () => {
            const result = await runMeasuredChild(process.execPath, command.args, {
              env,
              cwd: home,
            });
            if (!command.expect(result.code, result.stdout + result.stderr)) {
              throw new Error(
                `${command.label} exited ${result.code}: ${(result.stderr || result.stdout).slice(0, 300)}`,
              );
            }
            return result.wallMs;
          },
        })),
        { runs: context.runs * 4, warmupRuns: 2 },
      );
      const figures: Figure[] = commands.map((command) => ({
        key: command.key,
        label: command.label,
        unit: "ms",
        values: values.get(command.key)!,
        better: "lower",
      }));
      const node = values.get("node")!;
      return [
        {
          title: "CLI startup",
          method: `Wall time from spawn to exit of each command, ${context.runs * 4} rounds after 2 warm-up rounds, the four taking turns (the order rotates each round). The export runs with \`DATAPORTABILITY_API_URL\` set to a server on 127.0.0.1 that answers every request with 401 at once, so it stops after its first call with exit code 3; \`emulator --help\` loads \`@dataportability/msw\`, which the other two commands must not.`,
          figures,
          ratios: [
            {
              label: '`--version` ÷ `node -e ""`',
              values: pairedRatios(values.get("version")!, node),
            },
            {
              label: '`export` (non-emulator URL) ÷ `node -e ""`',
              values: pairedRatios(values.get("export")!, node),
            },
            {
              label: '`emulator --help` ÷ `node -e ""`',
              values: pairedRatios(values.get("emulator-help")!, node),
            },
          ],
          notes: [],
        },
      ];
    } finally {
      await new Promise((closed) => refusing.close(closed));
    }
  },
};
