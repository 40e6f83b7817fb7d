import { EMULATOR_USAGE, parseEmulatorArgs } from "./server/emulator-args.js";
import { createEmulatorServer } from "./server/emulator-server.js";

async function main(): Promise<void> {
  let parsed: ReturnType<typeof parseEmulatorArgs>;
  try {
    parsed = parseEmulatorArgs(process.argv.slice(2));
  } catch (error) {
    process.stderr.write(
      `${error instanceof Error ? error.message : String(error)}\n\n${EMULATOR_USAGE}\n`,
    );
    process.exit(2);
  }
  if (parsed.help) {
    process.stdout.write(`${EMULATOR_USAGE}\n`);
    return;
  }
  const server = await createEmulatorServer(parsed.options);
  process.stdout.write(`${server.url}\n`);
  process.stderr.write(
    [
      `dataportability-emulator (scenario: ${parsed.scenario})`,
      `  API            ${server.url}/v1/...`,
      `  storage        ${server.storageUrl}`,
      `  authorize      ${server.authorizeUrl}`,
      `  token          ${server.tokenUrl}`,
      `  revoke         ${server.revokeUrl}`,
      `  control        ${server.url}/emulator`,
      "",
    ].join("\n"),
  );
  const stop = () => {
    server.close().then(
      () => process.exit(0),
      () => process.exit(1),
    );
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
}

main().catch((error: unknown) => {
  process.stderr.write(
    `dataportability-emulator: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
