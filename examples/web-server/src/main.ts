import { Cron } from "croner";
import { ConfigError, loadConfig } from "./config.js";
import { describeError, stderrLog } from "./logger.js";
import { startServer } from "./server.js";

// `pnpm start`: the app against the embedded emulator, or Google with GOOGLE_CLIENT_ID and
// GOOGLE_CLIENT_SECRET; PGlite in ./data, or Postgres with DATABASE_URL.
try {
  const config = await loadConfig();
  const server = await startServer(config, { log: stderrLog });
  stderrLog(`open ${server.publicUrl}/ to export your data`);
  const ticks =
    config.tickIntervalSeconds > 0
      ? new Cron(
          "* * * * * *",
          { interval: config.tickIntervalSeconds, protect: true },
          async () => {
            await server.scheduler.tick();
          },
        )
      : undefined;
  const stop = async () => {
    ticks?.stop();
    await server.close();
    process.exit(0);
  };
  process.once("SIGINT", stop);
  process.once("SIGTERM", stop);
} catch (error) {
  stderrLog(error instanceof ConfigError ? `error: ${error.message}` : describeError(error));
  process.exit(1);
}
