import type { SCENARIOS } from "@dataportability/msw";
import { Command, Option } from "commander";
import pkg from "../../package.json" with { type: "json" };
import { registerAccess } from "../commands/access.js";
import { registerCancel } from "../commands/cancel.js";
import { registerDownload } from "../commands/download.js";
import { registerEmulator } from "../commands/emulator.js";
import { registerExport } from "../commands/export.js";
import { registerLogin } from "../commands/login.js";
import { registerLogout } from "../commands/logout.js";
import { registerRecords } from "../commands/records.js";
import { registerReset } from "../commands/reset.js";
import { registerResources } from "../commands/resources.js";
import { registerRetry } from "../commands/retry.js";
import { registerStatus } from "../commands/status.js";
import { registerWait } from "../commands/wait.js";
import { exitCodesHelp } from "../errors/exit-codes.js";
import type { CliContext } from "./cli-context.js";
import { examples } from "./help-text.js";

const ENVIRONMENT_HELP = `Where commands run (first match wins):
  1. --emulator                                    the embedded emulator
  2. DATAPORTABILITY_EMULATOR_URL                  an emulator served by \`dataportability emulator\`
  3. DATAPORTABILITY_ACCESS_TOKEN                  Google, with an access token you already have
  4. DATAPORTABILITY_CLIENT_ID + _CLIENT_SECRET    Google, with your OAuth client and
     + DATAPORTABILITY_REFRESH_TOKEN               a refresh token it was issued
  5. the stored login of the profile               Google, after \`dataportability login\`
  6. otherwise, at a terminal                      the embedded emulator (synthetic data, no
                                                   network), said on stderr; in scripts, with
                                                   --json or a --profile without a login:
                                                   exit 3 "no credentials"

Environment:
  DATAPORTABILITY_PROFILE      stored-login profile (default "default"; same as --profile)
  DATAPORTABILITY_CONFIG_DIR   where logins are stored (default $XDG_CONFIG_HOME/dataportability
                               or ~/.config/dataportability; files are mode 0600)
  DATAPORTABILITY_API_URL      API base URL (default https://dataportability.googleapis.com)
  DATAPORTABILITY_TOKEN_URL    OAuth token endpoint (default https://oauth2.googleapis.com/token)
                               URLs that get credentials: https, or http on 127.0.0.1/localhost
  DATAPORTABILITY_DEBUG        print stack traces of unexpected errors
  NO_COLOR / FORCE_COLOR       turn colours off / on`;

/**
 * Builds the `dataportability` command tree (commander) bound to a {@link CliContext}. Output
 * and exits go through the context, so the program can run inside tests.
 *
 * @example
 * ```ts
 * const program = createProgram(new CliContext({ stdout: process.stdout, stderr: process.stderr }));
 * console.log(program.helpInformation());
 * ```
 */
export function createProgram(
  ctx: CliContext,
  options: { scenarios?: typeof SCENARIOS | undefined } = {},
): Command {
  const program = new Command("dataportability");
  const columns = () => Math.min(100, ctx.io.stdout.columns || 100);
  program
    .description(
      "Export your Google data with Google's Data Portability API: sign in, start an export, wait for it,\n" +
        "download and verify the archives. With --emulator every command runs against an embedded\n" +
        "emulator, so you can try it all offline.",
    )
    .version(pkg.version, "-V, --version", "print the version")
    .helpOption("-h, --help", "show help for a command")
    .helpCommand("help [command]", "show help for a command")
    .addOption(
      new Option("--profile <name>", "stored-login profile to use").env("DATAPORTABILITY_PROFILE"),
    )
    .option("--emulator", "use the embedded emulator even when credentials are configured")
    .option("--no-color", "turn colours off (also: NO_COLOR=1)")
    .configureHelp({ showGlobalOptions: true, sortSubcommands: false, helpWidth: columns() })
    .configureOutput({
      writeOut: (text) => void ctx.io.stdout.write(text),
      writeErr: (text) => void ctx.io.stderr.write(text),
      outputError: (text, write) => write(ctx.out.ce.red(text)),
    })
    .showHelpAfterError("(run `dataportability <command> --help` for usage and examples)")
    .showSuggestionAfterError(true)
    .exitOverride()
    .addHelpText(
      "after",
      `${examples([
        ["dataportability export --resource myactivity.youtube", "export, wait, download, verify"],
        ["dataportability --emulator export -r myactivity.youtube", "the same, offline"],
        ["dataportability resources", "what you can export"],
        ["dataportability login -r myactivity.youtube", "sign in with Google (opens a browser)"],
        ["dataportability export --resume --out ./exports", "carry on after Ctrl-C"],
        ["dataportability emulator", "serve the emulator for other tools"],
      ])}\n\n${ENVIRONMENT_HELP}\n\n${exitCodesHelp()}\n`,
    );

  program.hook("preAction", (root, action) => {
    const globals = root.opts<{ profile?: string; emulator?: boolean; color?: boolean }>();
    ctx.configure(
      {
        ...(globals.profile ? { profile: globals.profile, profileNamed: true } : {}),
        emulator: globals.emulator === true,
        color: globals.color !== false,
      },
      action.opts<{ json?: boolean }>().json === true,
    );
  });

  registerLogin(program, ctx);
  registerLogout(program, ctx);
  registerResources(program, ctx);
  registerAccess(program, ctx);
  registerExport(program, ctx);
  registerStatus(program, ctx);
  registerWait(program, ctx);
  registerDownload(program, ctx);
  registerRecords(program, ctx);
  registerCancel(program, ctx);
  registerRetry(program, ctx);
  registerReset(program, ctx);
  registerEmulator(program, ctx, options.scenarios);
  return program;
}
